extension Rational: Hashable {
  public func hash(into hasher: inout Hasher) {
    switch storage {
    case .small(let n, let d):
      hasher.combine(n)
      hasher.combine(d)
    case .big(let box):
      box.hash(into: &hasher)
    }
  }
}
