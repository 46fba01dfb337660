/// A parameter with its dotted name in the module tree (`layers.0.cross.wq.weight`).
public typealias NamedParameter = (name: String, tensor: Tensor)

/// A layer or model: owns parameters and submodules and lists them by dotted name.
public protocol Module: AnyObject {
    /// Every parameter of this module and its submodules, with names relative to this module,
    /// in a fixed order (the order of declaration).
    func parameters() -> [NamedParameter]
}

extension Module {
    /// This module's parameters with `prefix.` in front of each name (for a parent's `parameters()`).
    public func parameters(prefixedBy prefix: String) -> [NamedParameter] {
        parameters().map { (name: "\(prefix).\($0.name)", tensor: $0.tensor) }
    }

    /// The parameter tensors alone, in `parameters()` order (for optimisers).
    public var parameterTensors: [Tensor] { parameters().map(\.tensor) }

    /// Total number of scalar parameters.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.tensor.count } }

    /// The parameter with this dotted name, if any.
    public func parameter(named name: String) -> Tensor? {
        parameters().first { $0.name == name }?.tensor
    }

    /// Zero-fills every parameter's gradient in place.
    public func zeroGrad() {
        for p in parameters() { p.tensor.zeroGrad() }
    }
}

/// Parameters of a list of submodules named `prefix.0`, `prefix.1`, …
public func namedParameters(of modules: [Module], prefixedBy prefix: String) -> [NamedParameter] {
    modules.enumerated().flatMap { $0.element.parameters(prefixedBy: "\(prefix).\($0.offset)") }
}

/// A pointwise nonlinearity between layers.
public enum Activation: String, Sendable, CaseIterable {
    case identity, relu, gelu, tanh, sigmoid

    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .identity: return x
        case .relu: return x.relu()
        case .gelu: return x.gelu()
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        }
    }
}
