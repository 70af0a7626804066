package org.opencli.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file operation failed, in the operating system's words — never an exception class name. */
public final class IoReasons {
    private IoReasons() {
    }

    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileSystemException fs) return fs.getReason() != null ? fs.getReason() : "the file system refused it";
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "an input/output error";
    }
}
