package io.campaignpilot.publishing;

import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Jakarta Mail 2.1 looks up its stream provider again for every message part it writes, through a ServiceLoader
 * scan of the whole class path (jakartaee/mail-api issue 861). In the dispatch benchmark that scan took about two
 * thirds of the time spent sending an email. The lookup reads a system property first: naming the provider there
 * (Angus Mail's, which Spring Boot's mail starter brings) skips the scan. A value given from outside is kept.
 */
@Component
class MailStreamProviderLookup {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    MailStreamProviderLookup() {
        if (System.getProperty(PROPERTY) == null
                && ClassUtils.isPresent(ANGUS_PROVIDER, MailStreamProviderLookup.class.getClassLoader())) {
            System.setProperty(PROPERTY, ANGUS_PROVIDER);
        }
    }
}
