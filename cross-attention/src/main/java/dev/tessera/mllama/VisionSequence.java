package dev.tessera.mllama;

import dev.tessera.engine.llama.KVCache;
import dev.tessera.engine.llama.Sequence;
import java.util.List;

/**
 * A conversation with images: the text KV cache plus the encoded images (in prompt order) and the mask that
 * says which of them each token sees.
 */
public final class VisionSequence extends Sequence {
    private final List<EncodedImage> images;
    private final int imageTokenId;
    private CrossAttentionMask mask;

    public VisionSequence(KVCache cache, List<EncodedImage> images, int imageTokenId) {
        super(cache);
        this.images = List.copyOf(images);
        this.imageTokenId = imageTokenId;
        this.mask = CrossAttentionMask.of(new int[0], imageTokenId);
    }

    /**
     * Declares the whole prompt (all turns so far) before it is prefilled, so the mask rows are known.
     * Already-processed tokens must be a prefix of it.
     */
    public void setPrompt(int[] allIds) {
        int images = 0;
        for (int id : allIds) if (id == imageTokenId) images++;
        if (images != this.images.size()) {
            throw new IllegalArgumentException("the prompt has " + images + " image tokens but " + this.images.size()
                    + " images were given");
        }
        mask = CrossAttentionMask.of(allIds, imageTokenId);
    }

    public List<EncodedImage> images() {
        return images;
    }

    public CrossAttentionMask mask() {
        return mask;
    }
}
