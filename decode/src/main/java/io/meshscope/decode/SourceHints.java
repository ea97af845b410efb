package io.meshscope.decode;

/**
 * What a file's place in the directory tree says about it, found before it is decoded (and part of the decode
 * cache's key, since a kustomization can start or stop listing a file whose own bytes did not change).
 *
 * @param patchListedBy    the kustomization file that lists this file as a patch ({@code patches},
 *                         {@code patchesStrategicMerge}, {@code patchesJson6902}), as messages show it; or null
 * @param listingIsComponent the listing kustomization is a {@code kind: Component} (it cannot be built alone)
 * @param kustomizeDir     the closest directory at or above the file holding a kustomization, as messages show
 *                         it; or null when the file is in no kustomize tree
 * @param listedAsResource some kustomization lists this file under {@code resources} (so it is a whole object)
 */
record SourceHints(String patchListedBy, boolean listingIsComponent, String kustomizeDir, boolean listedAsResource) {
    static final SourceHints NONE = new SourceHints(null, false, null, false);
}
