package dev.agenticchat.artifact.export;

/** A downloadable rendition of one artifact version. */
record ExportFile(byte[] bytes, String contentType, String filename) {
}
