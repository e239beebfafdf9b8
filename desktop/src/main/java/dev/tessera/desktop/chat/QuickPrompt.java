package dev.tessera.desktop.chat;

/** One-click questions for documents and charts. */
public enum QuickPrompt {
    TRANSCRIBE("Transcribe text", "Transcribe all the text in this image. Keep headings, lists and tables as Markdown."),
    TABLE_CSV("Table as CSV", "Extract the table in this image as CSV inside a ```csv code block, with the header row first."),
    SUMMARISE_CHART("Summarise chart", "Summarise this chart: what it shows, the overall trend, and the highest and lowest values."),
    AXIS_VALUES("Axis values", "What are the axis titles, and which values are marked on each axis of this chart?");

    private final String label;
    private final String prompt;

    QuickPrompt(String label, String prompt) {
        this.label = label;
        this.prompt = prompt;
    }

    public String label() {
        return label;
    }

    public String prompt() {
        return prompt;
    }
}
