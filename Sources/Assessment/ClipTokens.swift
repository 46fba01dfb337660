/// The model's input for one routine: `T` clips × `G` cells × `D` features, row-major, plus an
/// optional pose stream of `P` features per clip. Plain values so they cross threads and come
/// from the feature cache as they are.
public struct ClipTokens: Sendable, Equatable {
    public let clipCount: Int
    public let cellCount: Int
    public let width: Int
    /// [T · G · D]
    public let values: [Float]
    /// [T · P] when a pose stream exists.
    public let pose: [Float]?
    public let poseWidth: Int

    public init(clipCount: Int, cellCount: Int, width: Int, values: [Float], pose: [Float]? = nil, poseWidth: Int = 0) {
        precondition(values.count == clipCount * cellCount * width,
                     "clip tokens: \(values.count) values for [\(clipCount), \(cellCount), \(width)]")
        precondition(pose == nil || pose!.count == clipCount * poseWidth, "pose stream size does not match \(clipCount) clips")
        self.clipCount = clipCount
        self.cellCount = cellCount
        self.width = width
        self.values = values
        self.pose = pose
        self.poseWidth = poseWidth
    }

    /// The first `clips` clips (views of one routine are trimmed to a common length).
    /// Without its first `clips` clips (a view that started earlier than the others).
    public func dropping(firstClips clips: Int) -> ClipTokens {
        let k = Swift.min(Swift.max(0, clips), clipCount - 1)
        guard k > 0 else { return self }
        return ClipTokens(clipCount: clipCount - k, cellCount: cellCount, width: width, values: Array(values.dropFirst(k * cellCount * width)),
                          pose: pose.map { Array($0.dropFirst(k * poseWidth)) }, poseWidth: poseWidth)
    }

    /// With its first clip repeated `clips` times in front (a view that started later than the
    /// others, so clip indices line up without moving the first view's timeline).
    public func padded(atStartBy clips: Int) -> ClipTokens {
        guard clips > 0, clipCount > 0 else { return self }
        let first = values.prefix(cellCount * width), firstPose = pose.map { $0.prefix(poseWidth) }
        return ClipTokens(clipCount: clipCount + clips, cellCount: cellCount, width: width,
                          values: Array(repeatElement(first, count: clips).joined()) + values,
                          pose: pose.map { Array(repeatElement(firstPose!, count: clips).joined()) + $0 }, poseWidth: poseWidth)
    }

    public func trimmed(toClips clips: Int) -> ClipTokens {
        guard clips < clipCount else { return self }
        return ClipTokens(clipCount: clips, cellCount: cellCount, width: width, values: Array(values.prefix(clips * cellCount * width)),
                          pose: pose.map { Array($0.prefix(clips * poseWidth)) }, poseWidth: poseWidth)
    }
}
