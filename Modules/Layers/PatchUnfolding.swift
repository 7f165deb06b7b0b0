import TensorCore

/// The geometry of a k×k convolution window sliding over one C×H×W image (stride, zero padding),
/// with the two copies between images and their patch matrices (im2col and col2im).
///
/// The patch matrix of one image is [C·k·k, H_out·W_out]: row (c, ky, kx) holds, for every output
/// position, the pixel that window element sees (0 over the padding). Rows are written with
/// contiguous loops over the valid output columns, so padding is handled once per row, not per element.
struct PatchUnfolding {
    let channels: Int, height: Int, width: Int
    let kernelSize: Int, stride: Int, padding: Int
    let outHeight: Int, outWidth: Int

    var rows: Int { channels * kernelSize * kernelSize }
    var positions: Int { outHeight * outWidth }
    var imageSize: Int { channels * height * width }

    /// The output columns ox whose input column ox·stride − padding + offset lies inside the image.
    @inline(__always)
    private func validOutputs(_ offset: Int, extent: Int, outputs: Int) -> Range<Int> {
        // first: smallest ox with ox·s ≥ padding − offset; last: largest ox with ox·s ≤ extent − 1 + padding − offset.
        let low = padding - offset, high = extent - 1 + padding - offset
        let first = low <= 0 ? 0 : (low + stride - 1) / stride
        let last = high < 0 ? -1 : high / stride
        return first..<max(first, min(outputs, last + 1))
    }

    /// Writes the patch matrix of `image` into `patches` (rows × positions).
    @inline(__always)
    func unfold<Scalar: TensorScalar>(_ image: UnsafePointer<Scalar>, into patches: UnsafeMutablePointer<Scalar>) {
        for c in 0..<channels {
            for ky in 0..<kernelSize {
                let validRows = validOutputs(ky, extent: height, outputs: outHeight)
                for kx in 0..<kernelSize {
                    let row = patches + ((c * kernelSize + ky) * kernelSize + kx) * positions
                    let validColumns = validOutputs(kx, extent: width, outputs: outWidth)
                    for oy in 0..<outHeight {
                        let target = row + oy * outWidth
                        guard validRows.contains(oy), !validColumns.isEmpty else {
                            target.update(repeating: 0, count: outWidth)
                            continue
                        }
                        target.update(repeating: 0, count: validColumns.lowerBound)
                        let source = image + (c * height + oy * stride - padding + ky) * width - padding + kx
                        if stride == 1 {
                            (target + validColumns.lowerBound).update(from: source + validColumns.lowerBound, count: validColumns.count)
                        } else {
                            for ox in validColumns { target[ox] = source[ox * stride] }
                        }
                        (target + validColumns.upperBound).update(repeating: 0, count: outWidth - validColumns.upperBound)
                    }
                }
            }
        }
    }

    /// Adds every patch-matrix entry back onto the pixel it was read from (the adjoint of `unfold`),
    /// row by row and position by position, in the order of the original per-element loop.
    @inline(__always)
    func fold<Scalar: TensorScalar>(_ patches: UnsafePointer<Scalar>, addingInto image: UnsafeMutablePointer<Scalar>) {
        for c in 0..<channels {
            for ky in 0..<kernelSize {
                let validRows = validOutputs(ky, extent: height, outputs: outHeight)
                for kx in 0..<kernelSize {
                    let row = patches + ((c * kernelSize + ky) * kernelSize + kx) * positions
                    let validColumns = validOutputs(kx, extent: width, outputs: outWidth)
                    guard !validColumns.isEmpty else { continue }
                    for oy in validRows {
                        let source = row + oy * outWidth
                        let target = image + (c * height + oy * stride - padding + ky) * width - padding + kx
                        if stride == 1 {
                            for ox in validColumns { target[ox] += source[ox] }
                        } else {
                            for ox in validColumns { target[ox * stride] += source[ox] }
                        }
                    }
                }
            }
        }
    }
}
