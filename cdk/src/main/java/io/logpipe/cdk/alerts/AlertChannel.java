package io.logpipe.cdk.alerts;

import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * A destination for the pipeline's alarms other than e-mail. The alarms publish to one SNS topic
 * ({@link io.logpipe.cdk.stacks.AlertsStack#topic()}); a channel subscribes whatever delivers to it (a Lambda that
 * posts to a Slack webhook, one that opens PagerDuty incidents) and reads its credentials from the Secrets Manager
 * secret named in config {@code alerts.slackWebhookSecretName} / {@code alerts.pagerDutySecretName}.
 *
 * <p>No channel is implemented yet (a later issue adds Slack and PagerDuty). Until then AlertsStack receives an empty
 * list and, when a secret name is configured, warns at synthesis that nothing delivers to it rather than pretending.
 */
public interface AlertChannel {
    /** {@code slack} or {@code pagerduty}: matched with the configured secret names. */
    String kind();

    /**
     * Subscribes this channel's delivery to the alarm topic.
     *
     * @param scope      where to create the channel's resources (the AlertsStack)
     * @param topic      the KMS-encrypted alarm topic; a Lambda subscriber also needs {@code topicKey} decrypt
     * @param secretName the Secrets Manager secret holding the webhook URL or routing key
     */
    void subscribe(Construct scope, ITopic topic, software.amazon.awscdk.services.kms.IKey topicKey, String secretName);
}
