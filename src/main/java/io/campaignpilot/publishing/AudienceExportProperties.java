package io.campaignpilot.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where paid social audiences are written: one customer-match file per campaign.
 *
 * @param directory the folder of the files; hashed contact details are still personal data, so the folder is created
 *                  readable by the application's user only. Next to the H2 database by default.
 */
@ConfigurationProperties("campaignpilot.publishing.audience-export")
record AudienceExportProperties(@DefaultValue("./data/audience-exports") Path directory) {
}
