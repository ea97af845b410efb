package io.meshscope.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a set of files looked like when read (modification time and size of each, through symlinks): a Secret
 * volume rotates by swapping a symlink, which changes both.
 */
record FileStamp(List<String> stamps) {
    static FileStamp of(Path... files) throws IOException {
        String[] out = new String[files.length];
        for (int i = 0; i < files.length; i++) {
            try {
                out[i] = files[i] + "@" + Files.getLastModifiedTime(files[i]).toMillis() + "/" + Files.size(files[i]);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IOException("cannot read " + files[i] + ": no such file", e);
            } catch (java.nio.file.AccessDeniedException e) {
                throw new IOException("cannot read " + files[i] + ": permission denied", e);
            }
        }
        return new FileStamp(List.of(out));
    }
}
