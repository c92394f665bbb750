package se.kaa.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import se.kaa.intake.ImportRejectedException;

/**
 * What one pass over an uploaded file tells before anything is imported: its SHA-256, whether it is
 * text at all, and its encoding: UTF-8 with or without BOM, or Windows-1252 (the encoding of Excel's
 * "CSV (semikolonavgränsad)" on Swedish Windows). A file is read as UTF-8 when it has a BOM, holds
 * any valid UTF-8 multi-byte sequence, or is plain ASCII; a stray invalid byte in an otherwise UTF-8
 * file then rejects its row only, instead of turning every å, ä and ö of the file into "Ã¥". Only a
 * file with bytes above 127 and not one valid multi-byte sequence is read as Windows-1252.
 */
record FileInspection(String sha256, Charset charset, int bomLength, long size) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final byte[][] BINARY_SIGNATURES = {
            {(byte) 0x89, 'P', 'N', 'G'},             // PNG
            {'P', 'K', 3, 4}, {'P', 'K', 5, 6},       // zip, xlsx, docx
            {'%', 'P', 'D', 'F'},                     // PDF
            {(byte) 0x1F, (byte) 0x8B},               // gzip
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},  // JPEG
            {'G', 'I', 'F', '8'},                     // GIF
            {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, // old Excel (.xls)
            {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFE, (byte) 0xFF}, // UTF-16: not a supported encoding
    };

    boolean utf8() {
        return StandardCharsets.UTF_8.equals(charset);
    }

    /** Reads the file once; refuses an empty or binary file. */
    static FileInspection of(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw empty();
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] head = new byte[8];
        int headLength = 0;
        long validSequences = 0; // complete, valid UTF-8 multi-byte sequences
        long invalidBytes = 0;   // bytes above 127 that are not part of one
        int pending = 0;         // continuation bytes still expected in the current sequence
        int sequenceLength = 0;
        long controls = 0;
        boolean nul = false;
        long nonBlank = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xFF;
                    if (headLength < head.length) {
                        head[headLength++] = (byte) b;
                    }
                    if (b == 0) {
                        nul = true;
                    } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                        controls++;
                    }
                    if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                        nonBlank++;
                    }
                    if (pending > 0) {
                        if ((b & 0xC0) == 0x80) {
                            if (--pending == 0) {
                                validSequences++;
                            }
                            continue;
                        }
                        invalidBytes += sequenceLength - pending; // a sequence cut short
                        pending = 0;
                    }
                    if (b >= 0x80) {
                        if (b >= 0xC2 && b <= 0xDF) {
                            pending = 1;
                        } else if (b >= 0xE0 && b <= 0xEF) {
                            pending = 2;
                        } else if (b >= 0xF0 && b <= 0xF4) {
                            pending = 3;
                        } else {
                            invalidBytes++;
                        }
                        sequenceLength = pending + 1;
                    }
                }
            }
        }
        int bom = startsWith(head, headLength, UTF8_BOM) ? UTF8_BOM.length : 0;
        for (byte[] signature : BINARY_SIGNATURES) {
            if (startsWith(head, headLength, signature)) {
                throw notText();
            }
        }
        if (nul || controls > Math.max(2, size / 100)) {
            throw notText();
        }
        if (nonBlank - bom <= 0) {
            throw empty();
        }
        if (pending > 0) {
            invalidBytes += sequenceLength - pending;
        }
        Charset charset = bom > 0 || validSequences > 0 || invalidBytes == 0 ? StandardCharsets.UTF_8 : WINDOWS_1252;
        return new FileInspection(HexFormat.of().formatHex(digest.digest()), charset, bom, size);
    }

    private static boolean startsWith(byte[] head, int length, byte[] signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    static ImportRejectedException empty() {
        return new ImportRejectedException("intake.rejected.empty", "The file is empty");
    }

    static ImportRejectedException notText() {
        return new ImportRejectedException("intake.rejected.not-csv", "The file is not a CSV text file");
    }
}
