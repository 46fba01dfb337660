import Features
import Foundation
import Testing
import TestSupport
@testable import Batch

@Suite("Feature export for research code")
struct FeatureExportTests {
    @Test func numpyReadsEveryVideosTokensWithTheIndexedShape() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("features")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let videos = try VideoDiscovery.videoFiles(in: Fixture.shared.videos, excluding: [])
        let cache = FeatureCache(folder: out)
        var job = FeatureJob(cache: cache, export: FeatureExport(out: out, base: Fixture.shared.videos))
        #expect(job.run(videos: videos, progress: nil).isEmpty)
        let index = try JSONDecoder().decode(FeatureExport.Index.self, from: Data(contentsOf: out.appendingPathComponent("index.json")))
        #expect(index.videos.count == videos.count && index.featureVersion == FeatureExtractor.version)
        for entry in index.videos {
            let f = try cache.features(video: Fixture.shared.videos.appendingPathComponent(entry.video)).features
            #expect(entry.shape == [f.clipCount, f.cellCount * f.width] && entry.clipTimes.count == f.clipCount)
            // An independent reader: NumPy's own.
            let script = "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.flags['C_CONTIGUOUS'], *a.shape, repr(float(a[-1, -1])), repr(float(a.astype('float64').sum())))"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, out.appendingPathComponent(entry.file).path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let words = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").map(String.init)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && words.count == 6)
            guard words.count == 6 else { continue }
            #expect(words[0] == "float32" && words[1] == "True" && Int(words[2]) == f.clipCount && Int(words[3]) == f.cellCount * f.width)
            #expect(Float(words[4].trimmingCharacters(in: .whitespacesAndNewlines)) == f.values.last)
            let sum = f.values.reduce(0.0) { $0 + Double($1) }
            #expect(abs(Double(words[5].trimmingCharacters(in: .whitespacesAndNewlines))! - sum) < 1e-6 * max(1, abs(sum)))
        }
    }

    @Test func headerIsPaddedToSixtyFourBytes() {
        let d = NumpyArrayFile.data(values: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(Array(d.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(d[8]) | Int(d[9]) << 8
        #expect((10 + headerLength) % 64 == 0 && d.count == 10 + headerLength + 24)
        let header = String(decoding: d[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") && header.hasSuffix("\n"))
    }
}
