package dev.tessera.desktop.store;

/** A sidebar entry: enough to list a conversation without holding its messages. */
public record ConversationSummary(String id, String title, long updatedMs, int messages) {}
