package dev.tessera.engine.tensor;

import dev.tessera.engine.BadInputException;

/**
 * Several weight matrices with the same number of columns stacked row-wise, read in place: one GEMM then
 * computes all of their products at once, e.g. q, k and v projections as a single (3*D, D) matrix whose
 * output rows hold [q | k | v] per token. The tokens are packed once instead of three times, and there are
 * more row panels to share among the threads.
 */
public final class StackedMatrix extends WeightMatrix {
    private final WeightMatrix[] parts;
    private final int[] firstRow; // firstRow[i] = rows of parts[0 .. i)

    public StackedMatrix(String name, WeightMatrix... parts) {
        super(name, totalRows(parts), parts[0].cols());
        this.parts = parts.clone();
        this.firstRow = new int[parts.length + 1];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].cols() != cols) {
                throw new BadInputException("tensor " + parts[i].name() + " has " + parts[i].cols() + " columns, "
                        + parts[0].name() + " has " + cols + ": they cannot be stacked");
            }
            firstRow[i + 1] = firstRow[i] + parts[i].rows();
        }
    }

    private static int totalRows(WeightMatrix[] parts) {
        if (parts.length == 0) throw new IllegalArgumentException("nothing to stack");
        long n = 0;
        for (WeightMatrix p : parts) n += p.rows();
        if (n > Integer.MAX_VALUE) throw new BadInputException("stacked matrix " + parts[0].name() + " is too large");
        return (int) n;
    }

    @Override
    public DType storage() {
        return parts[0].storage();
    }

    @Override
    public long storageBytes() {
        long n = 0;
        for (WeightMatrix p : parts) n += p.storageBytes();
        return n;
    }

    @Override
    public void rowsToFloat(int r0, int count, float[] dst) {
        int done = 0;
        float[] tmp = null;
        while (done < count) {
            int r = r0 + done, i = part(r), local = r - firstRow[i];
            int take = Math.min(count - done, parts[i].rows() - local);
            if (done == 0 && take == count) {
                parts[i].rowsToFloat(local, take, dst); // the usual case: the block lies in one part
                return;
            }
            if (tmp == null || tmp.length < take * cols) tmp = new float[take * cols];
            parts[i].rowsToFloat(local, take, tmp);
            System.arraycopy(tmp, 0, dst, done * cols, take * cols);
            done += take;
        }
    }

    @Override
    public float dotRow(int r, float[] x, int xo) {
        int i = part(r);
        return parts[i].dotRow(r - firstRow[i], x, xo);
    }

    private int part(int r) {
        int i = 0;
        while (r >= firstRow[i + 1]) i++;
        return i;
    }
}
