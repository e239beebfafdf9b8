package dev.tessera.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {
    @TempDir
    Path dir;

    /** 10 tensors of 96..960 bytes whose bytes encode (tensor, offset). */
    static CheckpointWriter tensors() {
        CheckpointWriter w = new CheckpointWriter();
        for (int t = 0; t < 10; t++) {
            int id = t;
            w.add("layers." + t + ".weight", t % 2 == 0 ? DType.BF16 : DType.F32, new long[] {t + 1, 12}, (off, dst) -> {
                for (long i = 0; i < dst.byteSize(); i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) (id * 31 + off + i));
            });
        }
        return w;
    }

    @Test
    void shardedAndSingleFileHoldTheSameTensors() throws IOException {
        Path single = dir.resolve("single"), sharded = dir.resolve("sharded");
        List<Path> one = tensors().write(single, ProgressListener.NONE);
        assertEquals(List.of(single.resolve(Checkpoint.SINGLE)), one);

        CheckpointWriter w = tensors().maxShardBytes(700);
        List<long[]> progress = new ArrayList<>();
        List<Path> many = w.write(sharded, (done, total) -> progress.add(new long[] {done, total}));
        int shards = w.shardPlan().size();
        assertTrue(shards >= 3, "shards: " + shards);
        assertEquals(shards + 1, many.size());
        assertEquals(String.format("model-00001-of-%05d.safetensors", shards), many.getFirst().getFileName().toString());
        assertEquals(w.totalBytes(), progress.getLast()[0], "progress reaches the total over all shards");

        JsonNode index = JsonMapper.builder().build().readTree(sharded.resolve(Checkpoint.INDEX).toFile());
        assertEquals(w.totalBytes(), index.get("metadata").get("total_size").asLong());
        List<String> keys = new ArrayList<>();
        index.get("weight_map").fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().toList(), keys, "weight_map sorted by name");
        assertEquals(10, keys.size());

        try (Checkpoint a = Checkpoint.open(single); Checkpoint b = Checkpoint.open(sharded)) {
            assertEquals(shards, b.files().size());
            assertEquals(a.names().stream().sorted().toList(), b.names().stream().sorted().toList());
            assertEquals(a.totalBytes(), b.totalBytes());
            for (String n : a.names()) {
                assertEquals(a.info(n).dtype(), b.info(n).dtype(), n);
                assertArrayEquals(a.info(n).shape(), b.info(n).shape(), n);
                assertEquals(-1, a.tensor(n).segment().mismatch(b.tensor(n).segment()), n + " bytes");
            }
        }
        for (Path p : many) {
            if (!p.getFileName().toString().endsWith(".json")) {
                try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
                    assertTrue(f.dataBytes() <= 700 || f.names().size() == 1, p + " within the limit");
                }
            }
        }
    }

    @Test
    void shardsFollowAddOrderAndATooLargeTensorStandsAlone() {
        CheckpointWriter w = new CheckpointWriter().maxShardBytes(100)
                .add("a", DType.U8, new long[] {60}, TensorSource.zeros())
                .add("b", DType.U8, new long[] {40}, TensorSource.zeros())
                .add("huge", DType.U8, new long[] {500}, TensorSource.zeros())
                .add("c", DType.U8, new long[] {41}, TensorSource.zeros())
                .add("d", DType.U8, new long[] {60}, TensorSource.zeros());
        assertEquals(List.of(List.of("a", "b"), List.of("huge"), List.of("c"), List.of("d")), w.shardPlan());
    }

    @Test
    void forcedShardingAndRewritesLeaveOneConsistentLayout() throws IOException {
        tensors().maxShardBytes(700).write(dir, ProgressListener.NONE);
        tensors().forceSharding(true).write(dir, ProgressListener.NONE);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model-00001-of-00001.safetensors", Checkpoint.INDEX),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "older shards removed");
        }
        tensors().write(dir, ProgressListener.NONE);
        assertFalse(Files.exists(dir.resolve(Checkpoint.INDEX)), "a single file replaces the index");
        try (Checkpoint c = Checkpoint.open(dir)) {
            assertEquals(10, c.names().size());
        }
    }
}
