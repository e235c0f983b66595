package dev.switchboard.harness.plot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes images as PNG files. */
public final class Png {
    private Png() {
    }

    /**
     * @param image what to write
     * @param file where (parent directories are created)
     * @throws IOException when the file cannot be written
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available in this JRE");
        }
    }
}
