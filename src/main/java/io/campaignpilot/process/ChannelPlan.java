package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Turns the comma-separated channel variable into the collection multi-instance tasks iterate over. */
@Component("channelPlan")
public class ChannelPlan {
    public List<String> channels(String csv) {
        return new ArrayList<>(Channel.parseList(csv).stream().map(Channel::key).toList());
    }
}
