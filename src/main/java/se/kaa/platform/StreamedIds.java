package se.kaa.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Streams the ids a query yields, a chunk at a time, so that a job over a million persons never holds
 * a million ids. The query runs on a connection of its own, in a read-only transaction of its own
 * (PostgreSQL's driver only streams with a cursor inside a transaction), while the caller writes
 * each chunk in transactions of its own: the cursor sees the data as it was when it opened.
 */
public final class StreamedIds {

    /** Sets the query's parameters. */
    @FunctionalInterface
    public interface Parameters {
        void set(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private StreamedIds() {
    }

    /**
     * Passes the ids of the first column of {@code sql} to {@code chunk} in lists of at most
     * {@code chunkSize}; returns how many there were.
     */
    public static long forEachChunk(DataSource dataSource, String sql, Parameters parameters, int chunkSize,
                                    Consumer<List<UUID>> chunk) {
        long count = 0;
        try (Connection con = dataSource.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                ps.setFetchSize(chunkSize);
                parameters.set(con, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<UUID> ids = new ArrayList<>(chunkSize);
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                        count++;
                        if (ids.size() == chunkSize) {
                            chunk.accept(ids);
                            ids = new ArrayList<>(chunkSize);
                        }
                    }
                    if (!ids.isEmpty()) {
                        chunk.accept(ids);
                    }
                }
            } finally {
                con.rollback();
                con.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not stream the ids of a query", e);
        }
        return count;
    }
}
