package dev.tessera.cli;

/**
 * Opens the desktop window. Looked up by name so the command line starts without touching JavaFX
 * (a headless server can still run every command).
 */
final class DesktopEntry {
    private DesktopEntry() {}

    static void open() {
        try {
            Class<?> app = Class.forName("dev.tessera.desktop.DesktopLauncher");
            app.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (ClassNotFoundException e) {
            throw new dev.tessera.engine.TesseraException("the desktop app is not part of this build; run 'tessera --help' for the commands");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String msg = String.valueOf(cause.getMessage());
            if (msg.contains("DISPLAY")) {
                // JavaFX's own words ("Unable to open DISPLAY") do not tell a newcomer what to do
                throw new dev.tessera.engine.TesseraException("no display to open the window on (DISPLAY is not set or not reachable): "
                        + "run it in a desktop session, or see 'tessera --help' for the command-line commands", cause);
            }
            throw new dev.tessera.engine.TesseraException("cannot open the desktop app: " + cause.getMessage(), cause);
        }
    }
}
