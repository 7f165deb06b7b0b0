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
        let low = padding - offset
        let high = extent - 1 + padding - offset
        let first = low <= 0 ? 0 : (low + stride - 1) / stride
        let last = high < 0 ? -1 : high / stride
        return first..<max(first, min(outputs, last + 1))
    }

    /// Calls `body` for every patch row (c, ky, kx) with its index, the offset of the pixel it reads
    /// at output (0, 0) (pixel (oy, ox) is that plus oy·stride·W + ox·stride), and the output rows
    /// and columns whose pixel lies inside the image.
    @inline(__always)
    private func forEachPatchRow(
        _ body: (_ row: Int, _ origin: Int, _ validRows: Range<Int>, _ validColumns: Range<Int>) -> Void
    ) {
        for c in 0..<channels {
            for ky in 0..<kernelSize {
                let validRows = validOutputs(ky, extent: height, outputs: outHeight)
                for kx in 0..<kernelSize {
                    let origin = (c * height + ky - padding) * width + kx - padding
                    body(
                        (c * kernelSize + ky) * kernelSize + kx, origin, validRows,
                        validOutputs(kx, extent: width, outputs: outWidth))
                }
            }
        }
    }

    /// Writes the patch matrix of `image` into `patches` (rows × positions): the pixels inside the
    /// image are copied a row segment at a time, then only the entries over the padding are zeroed.
    @inline(__always)
    func unfold<Scalar: TensorScalar>(_ image: UnsafePointer<Scalar>, into patches: UnsafeMutablePointer<Scalar>) {
        forEachPatchRow { row, origin, validRows, validColumns in
            let patchRow = patches + row * positions
            guard !validColumns.isEmpty, !validRows.isEmpty else {
                patchRow.update(repeating: 0, count: positions)
                return
            }
            if validRows.lowerBound > 0 { patchRow.update(repeating: 0, count: validRows.lowerBound * outWidth) }
            if validRows.upperBound < outHeight {
                (patchRow + validRows.upperBound * outWidth).update(
                    repeating: 0, count: (outHeight - validRows.upperBound) * outWidth)
            }
            let (first, count) = (validColumns.lowerBound, validColumns.count)
            let (leftMargin, rightMargin) = (first, outWidth - validColumns.upperBound)
            for oy in validRows {
                let target = patchRow + oy * outWidth
                let source = image + origin + oy * stride * width
                if stride == 1 {
                    ShortCopies.copy(count, from: source + first, to: target + first)
                } else {
                    for ox in validColumns { target[ox] = source[ox * stride] }
                }
                if leftMargin > 0 { target.update(repeating: 0, count: leftMargin) }
                if rightMargin > 0 { (target + validColumns.upperBound).update(repeating: 0, count: rightMargin) }
            }
        }
    }

    /// Adds every patch-matrix entry back onto the pixel it was read from (the adjoint of `unfold`),
    /// row by row and position by position, in the order of the original per-element loop.
    @inline(__always)
    func fold<Scalar: TensorScalar>(_ patches: UnsafePointer<Scalar>, addingInto image: UnsafeMutablePointer<Scalar>) {
        forEachPatchRow { row, origin, validRows, validColumns in
            guard !validColumns.isEmpty else { return }
            for oy in validRows {
                let source = patches + row * positions + oy * outWidth
                let target = image + origin + oy * stride * width
                if stride == 1 {
                    for ox in validColumns { target[ox] += source[ox] }
                } else {
                    for ox in validColumns { target[ox * stride] += source[ox] }
                }
            }
        }
    }
}
