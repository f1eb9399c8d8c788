package io.campaignpilot.targeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The model registry: every trained model with its version, holdout AUC, training moment and feature list, weights
 * kept as JSON in the database (readable by an auditor, the same on every node). The newest version of a category is
 * the one that scores.
 */
@Component
public class PropensityModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Coefficients(double[] means, double[] scales, double[] weights, double intercept) {
    }

    private final JdbcClient jdbc;
    private final RowMapper<PropensityModel> mapper = (rs, i) -> {
        try {
            Coefficients c = JSON.readValue(rs.getString("coefficients"), Coefficients.class);
            return new PropensityModel(rs.getLong("version"), rs.getString("category"), rs.getString("algorithm"),
                    Arrays.asList(rs.getString("features").split(",")), c.means(), c.scales(), c.weights(), c.intercept(),
                    rs.getDouble("auc"), rs.getInt("train_rows"), rs.getInt("test_rows"),
                    rs.getTimestamp("cut_at").toInstant(), rs.getTimestamp("trained_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("propensity model " + rs.getLong("version") + " has unreadable coefficients", e);
        }
    };

    public PropensityModels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The model in use for the category, if one was trained. */
    public Optional<PropensityModel> current(String category) {
        return jdbc.sql("select * from propensity_model where category = ? order by version desc fetch first 1 rows only")
                .param(category).query(mapper).optional();
    }

    public Optional<PropensityModel> find(long version) {
        return jdbc.sql("select * from propensity_model where version = ?").param(version).query(mapper).optional();
    }

    /** Every version, newest first. */
    public List<PropensityModel> all() {
        return jdbc.sql("select * from propensity_model order by version desc").query(mapper).list();
    }

    /** Stores a trained model as the category's newest version and returns it with its version. */
    PropensityModel save(PropensityModel model) {
        String coefficients;
        try {
            coefficients = JSON.writeValueAsString(new Coefficients(model.means(), model.scales(), model.weights(),
                    model.intercept()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        insert into propensity_model (category, algorithm, features, coefficients, auc, train_rows, test_rows,
                            cut_at, trained_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(model.category(), model.algorithm(), String.join(",", model.features()), coefficients, model.auc(),
                        model.trainRows(), model.testRows(), Timestamp.from(model.cutAt()), Timestamp.from(model.trainedAt()))
                .update(keys, "version");
        long version = keys.getKeyAs(Number.class).longValue();
        return find(version).orElseThrow();
    }
}
