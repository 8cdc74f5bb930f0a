import ArgumentParser

/// Bad input data (a case, an amount): printed as one line, exit code 65 (`EX_DATAERR`).
///
/// Option syntax problems stay with ArgumentParser's `ValidationError` (exit code 64).
struct InputError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A file that could not be read or written: exit code 74 (`EX_IOERR`).
struct FileError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension ExitCode {
  static let dataError = ExitCode(65)
  static let ioError = ExitCode(74)
}

extension ParsableCommand {
  /// Runs `body`, turning Headroom's own errors into a message on standard
  /// error and their exit code.
  func reportingErrors(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as InputError {
      printError("headroom: \(error)")
      throw ExitCode.dataError
    } catch let error as FileError {
      printError("headroom: \(error)")
      throw ExitCode.ioError
    }
  }
}
