package org.socd.cli.alerts;

import org.socd.cli.api.ApiClientException;

/** Alert ids go into URL paths; anything but the hex ids socd hands out is refused before sending. */
final class AlertIds {
    private AlertIds() {
    }

    static String check(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ApiClientException("'" + id + "' is not an alert id; copy one from the ID column of 'soc alerts search'");
        }
        return id;
    }
}
