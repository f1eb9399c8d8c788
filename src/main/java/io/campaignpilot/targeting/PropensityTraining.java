package io.campaignpilot.targeting;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trains a category's purchase-propensity model on a time split: features at a cut one label window before the
 * test cut, labelled by purchases in the category in the window after it; then scored on features at the test cut
 * against purchases in the last window, which the training never saw. Logistic regression by SGD (Tribuo), on
 * standardised features; the weights are stored, not the Tribuo object, so scoring needs no library and every node
 * scores alike. Reads its rows statement by statement: no transaction is held while it trains.
 */
@Component
public class PropensityTraining {
    private static final Logger log = LoggerFactory.getLogger(PropensityTraining.class);
    static final String ALGORITHM = "logistic regression (Tribuo LinearSGDTrainer, LogMulticlass, AdaGrad 0.1, 10 epochs)";
    private static final String BUYS = "buys";
    private static final String DOES_NOT = "does-not";
    /** Fewer buyers than this in either window and the AUC would say little. */
    private static final int MIN_BUYERS = 30;
    private static final String LOCK = "propensity-training";

    private final PurchaseFeatures features;
    private final PropensityModels models;
    private final TargetingProperties properties;

    private final LockingTaskExecutor locks;

    public PropensityTraining(PurchaseFeatures features, PropensityModels models, TargetingProperties properties,
                              LockingTaskExecutor locks) {
        this.features = features;
        this.models = models;
        this.properties = properties;
        this.locks = locks;
    }

    /**
     * {@link #retrainAll()} at a person's request, under the nightly run's cluster lock: false, and nothing trained,
     * when a training holds it (the nightly run, or a request to another node, or a retry after a proxy gave up).
     */
    public boolean retrainAllUnlessRunning() {
        try {
            return locks.executeWithLock(() -> {
                retrainAll();
                return true;
            }, new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(30), Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every category with orders, on the history up to now; a category without enough buyers keeps what it had. */
    @Scheduled(cron = "${campaignpilot.targeting.retrain:0 30 2 * * *}")
    @SchedulerLock(name = LOCK)
    public void retrainAll() {
        Instant now = Instant.now();
        for (String category : features.categoriesWithOrders()) {
            try {
                train(category, now);
            } catch (RuntimeException e) {
                log.warn("propensity model for {} not trained: {}", category, e.getMessage());
            }
        }
    }

    /**
     * Trains on the history up to {@code asOf} and puts the model into use if its holdout AUC reaches the minimum.
     * Empty when the category has too few buyers to learn from or the model is not good enough (logged).
     */
    public Optional<PropensityModel> train(String category, Instant asOf) {
        Duration window = properties.labelWindow();
        Instant testCut = asOf.minus(window);
        Instant trainCut = testCut.minus(window);
        Map<Long, double[]> train = features.at(category, trainCut, PurchaseFeatures.Population.EVERYONE);
        Set<Long> trainBuyers = features.buyers(category, trainCut, testCut);
        Map<Long, double[]> test = features.at(category, testCut, PurchaseFeatures.Population.EVERYONE);
        Set<Long> testBuyers = features.buyers(category, testCut, asOf);
        long trainPositives = train.keySet().stream().filter(trainBuyers::contains).count();
        long testPositives = test.keySet().stream().filter(testBuyers::contains).count();
        if (trainPositives < MIN_BUYERS || testPositives < MIN_BUYERS) {
            log.info("propensity model for {} not trained: {} and {} buyers in the training and test windows, {} needed",
                    category, trainPositives, testPositives, MIN_BUYERS);
            return Optional.empty();
        }

        int n = PurchaseFeatures.NAMES.size();
        double[] means = new double[n];
        double[] scales = new double[n];
        standardisation(train, means, scales);
        String[] names = PurchaseFeatures.NAMES.toArray(String[]::new);
        List<Example<Label>> examples = new ArrayList<>(train.size());
        train.forEach((id, raw) -> examples.add(new ArrayExample<>(new Label(trainBuyers.contains(id) ? BUYS : DOES_NOT),
                names, standardised(raw, means, scales))));
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new ListDataSource<>(examples,
                labels, new SimpleDataSourceProvenance("purchases in " + category + " after " + trainCut, labels)));
        LinearSGDModel trained = (LinearSGDModel) new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 10,
                Integer.MAX_VALUE, 1, 20261202L).train(dataset);

        // buys-versus-not as one logistic regression: the difference of the two softmax rows
        DenseMatrix w = trained.getWeightsCopy();
        int buys = trained.getOutputIDInfo().getID(new Label(BUYS));
        int doesNot = trained.getOutputIDInfo().getID(new Label(DOES_NOT));
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            int id = trained.getFeatureIDMap().getID(names[i]);
            weights[i] = id < 0 ? 0 : w.get(buys, id) - w.get(doesNot, id);
        }
        int bias = w.getDimension2Size() - 1;
        double intercept = w.get(buys, bias) - w.get(doesNot, bias);
        PropensityModel candidate = new PropensityModel(0, category, ALGORITHM, PurchaseFeatures.NAMES, means, scales,
                weights, intercept, 0, train.size(), test.size(), trainCut, Instant.now());
        checkAgainstTribuo(candidate, trained, examples);

        double[] scores = new double[test.size()];
        boolean[] bought = new boolean[test.size()];
        int i = 0;
        for (Map.Entry<Long, double[]> row : test.entrySet()) {
            scores[i] = candidate.propensity(row.getValue());
            bought[i++] = testBuyers.contains(row.getKey());
        }
        double auc = Auc.of(scores, bought);
        PropensityModel model = new PropensityModel(0, category, ALGORITHM, PurchaseFeatures.NAMES, means, scales,
                weights, intercept, auc, train.size(), test.size(), trainCut, candidate.trainedAt());
        if (auc < properties.minimumAuc()) {
            log.warn("propensity model for {} not put into use: holdout AUC {} under the minimum {}", category, auc,
                    properties.minimumAuc());
            return Optional.empty();
        }
        PropensityModel saved = models.save(model);
        log.info("{}: {} training and {} test customers", saved.describe(), saved.trainRows(), saved.testRows());
        return Optional.of(saved);
    }

    /** The stored weights must score as Tribuo does, or the model we keep is not the model we trained. */
    private static void checkAgainstTribuo(PropensityModel model, LinearSGDModel trained, List<Example<Label>> examples) {
        for (Example<Label> example : examples.subList(0, Math.min(20, examples.size()))) {
            double tribuo = trained.predict(example).getOutputScores().get(BUYS).getScore();
            double[] standardised = new double[model.features().size()];
            example.forEach(f -> standardised[model.features().indexOf(f.getName())] = f.getValue());
            double[] raw = new double[standardised.length];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = standardised[i] * model.scales()[i] + model.means()[i];
            }
            if (Math.abs(model.propensity(raw) - tribuo) > 1e-6) {
                throw new IllegalStateException("stored weights score " + model.propensity(raw) + " where Tribuo scores "
                        + tribuo + ": the weight layout is not the one assumed");
            }
        }
    }

    private static void standardisation(Map<Long, double[]> rows, double[] means, double[] scales) {
        int n = means.length;
        for (double[] raw : rows.values()) {
            for (int i = 0; i < n; i++) {
                means[i] += raw[i] / rows.size();
            }
        }
        for (double[] raw : rows.values()) {
            for (int i = 0; i < n; i++) {
                scales[i] += (raw[i] - means[i]) * (raw[i] - means[i]) / rows.size();
            }
        }
        for (int i = 0; i < n; i++) {
            scales[i] = scales[i] > 1e-12 ? Math.sqrt(scales[i]) : 1;
        }
    }

    private static double[] standardised(double[] raw, double[] means, double[] scales) {
        double[] v = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            v[i] = (raw[i] - means[i]) / scales[i];
        }
        return v;
    }
}
