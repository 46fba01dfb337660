import CCairo

/// A Cairo failure with Cairo's own message (`cairo_status_to_string`).
public struct CairoError: Error, CustomStringConvertible, Equatable {
    public let status: UInt32
    public let message: String

    public init(_ status: cairo_status_t) {
        self.status = status.rawValue
        message = String(cString: cairo_status_to_string(status))
    }

    public var description: String { "cairo: \(message)" }

    /// Throws when `status` is not success.
    public static func check(_ status: cairo_status_t) throws {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(status) }
    }
}
