import Foundation

/// A dataset that its publisher serves as files with checksums: where it lives under the data
/// folder, which files to fetch from where, and what must be present for it to count as there.
public struct PublishedDataset: Sendable {
    /// One file as published.
    public struct File: Sendable, Equatable {
        public let name: String
        public let checksum: FileChecksum

        /// - Parameters:
        ///   - name: the file name on the mirrors (and in the data folder).
        ///   - checksum: the published checksum.
        public init(_ name: String, _ checksum: FileChecksum) { (self.name, self.checksum) = (name, checksum) }
    }

    /// How the fetched files become the dataset.
    public enum Layout: Sendable, Equatable {
        /// The files are kept as fetched, in `folder` (idx sets: plain or gzip both count as present).
        case files
        /// One tar.gz archive whose files the loader needs are unpacked into `folder/subfolder`;
        /// the archive is deleted afterwards.
        case archive(subfolder: String)
    }

    /// The name recipes and `BACKPROP_DATA_MIRROR` use ("fashion-mnist").
    public let name: String
    /// The folder under the data folder.
    public let folder: String
    public let files: [File]
    /// The publisher's base URLs, tried in order after `BACKPROP_DATA_MIRROR`.
    public let mirrors: [String]
    public let layout: Layout
    /// The files (relative to the data folder) a loader needs that are not there.
    public let missing: @Sendable (_ dataDirectory: String) -> [String]

    /// - Parameters:
    ///   - name: the dataset's name.
    ///   - folder: its folder under the data folder.
    ///   - files: what to fetch.
    ///   - mirrors: the publisher's base URLs.
    ///   - layout: kept as fetched, or unpacked from an archive.
    ///   - missing: what a loader would find missing in a data folder.
    public init(
        name: String, folder: String, files: [File], mirrors: [String], layout: Layout = .files,
        missing: @escaping @Sendable (_ dataDirectory: String) -> [String]
    ) {
        (self.name, self.folder, self.files, self.mirrors, self.layout) = (name, folder, files, mirrors, layout)
        self.missing = missing
    }

    /// An idx image set (MNIST's four files, gzip-compressed on the mirrors) in `<data>/<name>/`.
    public static func idx(name: String, checksums: [String: FileChecksum], mirrors: [String]) -> PublishedDataset {
        let files = IDXDataset.standardFiles.map { File($0 + ".gz", checksums[$0]!) }
        return PublishedDataset(name: name, folder: name, files: files, mirrors: mirrors) { dataDirectory in
            let directory = (dataDirectory as NSString).appendingPathComponent(name)
            return IDXDataset.standardFiles.filter { (try? IDXDataset.locate($0, in: directory)) == nil }
        }
    }

    /// This dataset's folder in `dataDirectory`.
    public func directory(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(folder)
    }

    /// The path of the file `name` in this dataset's folder.
    public func path(of name: String, in dataDirectory: String) -> String {
        (directory(in: dataDirectory) as NSString).appendingPathComponent(name)
    }

    /// The published checksum of each file, by its name without ".gz" (as loaders look files up).
    public var checksums: [String: FileChecksum] {
        Dictionary(
            uniqueKeysWithValues: files.map { file in
                (file.name.hasSuffix(".gz") ? String(file.name.dropLast(3)) : file.name, file.checksum)
            })
    }

    /// Whether everything a loader needs is present.
    public func isPresent(in dataDirectory: String) -> Bool { missing(dataDirectory).isEmpty }
}

extension PublishedDataset {
    /// MNIST, Fashion-MNIST, KMNIST and CIFAR-10, by name.
    public static let catalog: [String: PublishedDataset] = [
        mnist.name: mnist, fashionMNIST.name: fashionMNIST, kmnist.name: kmnist, cifar10.name: cifar10,
    ]

    /// MNIST (the mirrors torchvision uses; yann.lecun.com last, as it often refuses).
    public static let mnist = idx(
        name: "mnist", checksums: MNIST.checksums.mapValues { .contentSHA256($0) },
        mirrors: [
            "https://ossci-datasets.s3.amazonaws.com/mnist", "https://storage.googleapis.com/cvdf-datasets/mnist",
            "http://yann.lecun.com/exdb/mnist",
        ])

    /// Fashion-MNIST (Zalando Research; MD5s from its README).
    public static let fashionMNIST = idx(
        name: "fashion-mnist",
        checksums: [
            "train-images-idx3-ubyte": .fileMD5("8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            "train-labels-idx1-ubyte": .fileMD5("25c81989df183df01b3e8a0aad5dffbe"),
            "t10k-images-idx3-ubyte": .fileMD5("bef4ecab320f06d8554ea6380940ec79"),
            "t10k-labels-idx1-ubyte": .fileMD5("bb300cfdad3c16e7a12a480ee83cd310"),
        ],
        mirrors: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com"])

    /// Kuzushiji-MNIST (ROIS-DS CODH; MD5s from its README).
    public static let kmnist = idx(
        name: "kmnist",
        checksums: [
            "train-images-idx3-ubyte": .fileMD5("bdb82020997e1d708af4cf47b453dcf7"),
            "train-labels-idx1-ubyte": .fileMD5("e144d726b3acfaa3e44228e80efcd344"),
            "t10k-images-idx3-ubyte": .fileMD5("5c965bf0a639b31b8f53240b1b52f4d7"),
            "t10k-labels-idx1-ubyte": .fileMD5("7320c461ea6c1c855c0b718fb2a4b134"),
        ],
        mirrors: ["http://codh.rois.ac.jp/kmnist/dataset/kmnist"])

    /// CIFAR-10's binary version (MD5 from the Toronto page), unpacked into `<data>/cifar10/`.
    public static let cifar10 = PublishedDataset(
        name: "cifar10", folder: "cifar10",
        files: [File("cifar-10-binary.tar.gz", .fileMD5("c32a1d4ab5d03f1284b67883e8d87530"))],
        mirrors: ["https://www.cs.toronto.edu/~kriz"], layout: .archive(subfolder: "cifar-10-batches-bin")
    ) { CIFAR10.missingFiles(dataDirectory: $0) }
}
