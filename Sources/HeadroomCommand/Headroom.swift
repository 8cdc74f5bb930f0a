import ArgumentParser

@main
struct HeadroomCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "headroom",
    abstract: "Exact affordability and payment plans for consumer-debt collections.",
    subcommands: [
      Rescore.self, Generate.self, Assess.self, CheckOffer.self, PlanCommand.self, Policies.self,
      Allocate.self, AuditCommand.self, ImportSFS.self, ExportSFS.self,
    ]
  )
}
