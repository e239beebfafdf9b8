package dev.tessera.mllama;

import java.util.ArrayList;
import java.util.List;

/**
 * Which images each text token may see (MllamaProcessor's rule, README rule 9): image m is visible from its
 * own {@code <|image|>} token up to, not including, the next image token, and the last image until the end;
 * an image token immediately followed by another inherits the end of the following one, so consecutive
 * image tokens all see the rest of the text. Tokens before the first image token see nothing.
 * Tokens decoded later copy the row of the last prompt token (rule 10).
 */
public final class CrossAttentionMask {
    private final int[][] visibleImages; // [position] -> image indices visible from that token

    private CrossAttentionMask(int[][] visibleImages) {
        this.visibleImages = visibleImages;
    }

    public static CrossAttentionMask of(int[] ids, int imageTokenId) {
        List<Integer> locations = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) if (ids[i] == imageTokenId) locations.add(i);
        int m = locations.size();
        int[] start = new int[m], end = new int[m];
        for (int i = 0; i < m; i++) {
            start[i] = locations.get(i);
            end[i] = i + 1 < m ? locations.get(i + 1) : ids.length;
        }
        int lastEnd = m > 0 ? end[m - 1] : 0;
        for (int i = m - 1; i >= 0; i--) {
            if (start[i] == end[i] - 1) end[i] = lastEnd;
            lastEnd = end[i];
        }
        int[][] visible = new int[ids.length][];
        for (int p = 0; p < ids.length; p++) {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < m; i++) if (p >= start[i] && p < end[i]) seen.add(i);
            visible[p] = seen.stream().mapToInt(Integer::intValue).toArray();
        }
        return new CrossAttentionMask(visible);
    }

    /** Images visible from position p; positions past the prompt copy its last row. */
    public int[] visibleImages(int position) {
        if (visibleImages.length == 0) return new int[0];
        return visibleImages[Math.min(position, visibleImages.length - 1)];
    }

    /** 1 if the token sees at least one image: rows with 0 pass through every cross-attention layer. */
    public boolean rowSeesImage(int position) {
        return visibleImages(position).length > 0;
    }

    public int promptLength() {
        return visibleImages.length;
    }
}
