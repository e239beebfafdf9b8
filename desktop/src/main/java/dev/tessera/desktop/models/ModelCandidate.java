package dev.tessera.desktop.models;

import java.nio.file.Path;

/**
 * A model folder the manager lists.
 *
 * @param complete false when weights or config are missing (an unfinished download)
 */
public record ModelCandidate(Path dir, String name, Source source, boolean guard, boolean demo, boolean complete) {
    public enum Source {
        HUGGING_FACE_CACHE("Hugging Face cache"), DATA_FOLDER("Tessera's data folder"), CHOSEN("chosen folder");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return name + (demo ? " — random weights, nonsense answers" : "") + (guard ? " (guard)" : "")
                + (complete ? "" : " — incomplete");
    }
}
