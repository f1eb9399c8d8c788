package io.campaignpilot.detection;

import io.campaignpilot.trigger.Brief;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seasonal calendar process owners edit: one season per line, {@code date,title,region,category,skus,discountPercent,
 * channels,segment}, with a header row; {@code #} starts a comment. Region {@code *} (or empty) means every region;
 * skus and channels are separated by {@code |}. A line that cannot be read is reported with the file's name and the
 * line number, and the other lines still count.
 */
record SeasonalCalendar(List<Season> seasons, List<String> problems) {
    static final String HEADER = "date,title,region,category,skus,discountPercent,channels,segment";

    /** One season: a campaign the calendar asks for, starting on {@code date}. */
    record Season(int line, LocalDate date, String title, String region, String category, List<String> skus,
                  Integer discountPercent, List<String> channels, String segment) {

        Brief brief(String forRegion, List<String> defaultChannels) {
            return new Brief(title, forRegion, category, skus.isEmpty() ? null : skus, discountPercent,
                    channels.isEmpty() ? defaultChannels : channels, segment, "Seasonal launch: " + title + " from " + date);
        }

        boolean everyRegion() {
            return region == null || region.equals("*");
        }

        /** A stable part of the event id: the title in lower case, letters and digits only. */
        String slug() {
            String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            return slug.length() > 40 ? slug.substring(0, 40) : slug;
        }
    }

    static SeasonalCalendar read(String file, Reader source) throws IOException {
        List<Season> seasons = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        BufferedReader lines = new BufferedReader(source);
        String text;
        int line = 0;
        boolean header = false;
        while ((text = lines.readLine()) != null) {
            line++;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!header) {
                header = true;
                if (!trimmed.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    problems.add(file + ":" + line + ": the header must be " + HEADER);
                    return new SeasonalCalendar(List.of(), problems);
                }
                continue;
            }
            try {
                seasons.add(season(line, trimmed));
            } catch (IllegalArgumentException e) {
                problems.add(file + ":" + line + ": " + e.getMessage());
            }
        }
        return new SeasonalCalendar(seasons, problems);
    }

    private static Season season(int line, String text) {
        String[] cells = Arrays.stream(text.split(",", -1)).map(String::strip).toArray(String[]::new);
        if (cells.length != 8) {
            throw new IllegalArgumentException("has " + cells.length + " fields, needs 8 (" + HEADER + ")");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(cells[0]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date \"" + cells[0] + "\" is not a date like 2026-12-01");
        }
        if (cells[1].isEmpty()) {
            throw new IllegalArgumentException("title is required");
        }
        if (cells[3].isEmpty() && cells[4].isEmpty()) {
            throw new IllegalArgumentException("give a category or skus");
        }
        Integer discount = null;
        if (!cells[5].isEmpty()) {
            try {
                discount = Integer.parseInt(cells[5]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("discountPercent \"" + cells[5] + "\" is not a whole number");
            }
        }
        return new Season(line, date, cells[1], cells[2].isEmpty() ? null : cells[2], cells[3].isEmpty() ? null : cells[3],
                list(cells[4]), discount, list(cells[6]), cells[7].isEmpty() ? null : cells[7]);
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
