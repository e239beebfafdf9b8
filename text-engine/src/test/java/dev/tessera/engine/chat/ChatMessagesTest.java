package dev.tessera.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ContentPart.Image;
import dev.tessera.engine.chat.ContentPart.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatMessagesTest {
    @TempDir
    Path dir;

    @Test
    void stringAndListContentAndImagePathsRelativeToTheFile() throws IOException {
        Path file = dir.resolve("chat.json");
        Files.writeString(file, """
                [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": [{"type": "image", "path": "pics/cat.png"},
                                              {"type": "text", "text": "What is this?"},
                                              {"type": "image"},
                                              {"type": "image", "image": "/abs/dog.png"}]}]""");
        List<ChatMessage> messages = ChatMessages.parse(file);
        assertEquals(2, messages.size());
        assertEquals(ChatMessage.text("system", "Be brief."), messages.get(0));
        assertTrue(messages.get(0).plainText());
        ChatMessage user = messages.get(1);
        assertEquals("user", user.role());
        assertFalse(user.plainText());
        assertEquals(new Image(dir.resolve("pics/cat.png")), user.content().get(0));
        assertEquals(new Text("What is this?"), user.content().get(1));
        assertNull(((Image) user.content().get(2)).path());
        assertEquals(Path.of("/abs/dog.png"), ((Image) user.content().get(3)).path());
        assertEquals(List.of(dir.resolve("pics/cat.png"), Path.of("/abs/dog.png")), user.imagePaths());
        assertEquals(3, user.images().size());
    }

    @Test
    void anObjectWithMessagesIsAccepted() {
        List<ChatMessage> m = ChatMessages.parse("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"other\": 1}");
        assertEquals(List.of(ChatMessage.text("user", "hi")), m);
    }

    @Test
    void unknownItemTypeNamesFileAndPlace() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\", \"content\": "
                + "[{\"type\": \"text\", \"text\": \"x\"}, {\"type\": \"video\", \"path\": \"v.mp4\"}]}]");
        var e = assertThrows(BadInputException.class, () -> ChatMessages.parse(file));
        assertEquals(file + ": messages[1].content[1] has unknown type \"video\" (expected \"text\" or \"image\")",
                e.getMessage());
    }

    @Test
    void otherMistakesAreOneLineErrors() {
        assertBad("not json", "not valid JSON");
        assertBad("{\"role\": \"user\"}", "expected a list of messages");
        assertBad("[{\"content\": \"x\"}]", "messages[0] needs a \"role\" string");
        assertBad("[{\"role\": \"user\", \"content\": 5}]", "messages[0].content must be a string or a list");
        assertBad("[{\"role\": \"user\", \"content\": [{\"type\": \"text\"}]}]", "messages[0].content[0] type \"text\" needs");
        assertBad("[{\"role\": \"user\", \"content\": [\"hi\"]}]", "messages[0].content[0] needs a \"type\"");
        assertBad("[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}}]}]",
                "unknown type \"image_url\"");
        assertBad("[{\"role\": \"assistant\", \"content\": null, \"tool_calls\": []}]", "tool_calls");
    }

    private static void assertBad(String json, String problem) {
        var e = assertThrows(BadInputException.class, () -> ChatMessages.parse(json));
        assertTrue(e.getMessage().startsWith("messages: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void plainTextNeedsExactlyOneTextPart() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChatMessage("user", List.of(new Text("a"), new Text("b")), true));
    }
}
