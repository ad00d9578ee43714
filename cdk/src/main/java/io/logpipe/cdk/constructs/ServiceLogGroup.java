package io.logpipe.cdk.constructs;

import io.logpipe.cdk.config.LogpipeConfig;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One service's CloudWatch Logs group: created with the app-tier retention, or imported by name when the
 * service's group already exists (services[].existing), in which case its retention is left to its owner.
 * Created groups are retained when the stack is deleted: they hold the services' logs, not the pipeline's.
 */
public class ServiceLogGroup extends Construct {

    private final ILogGroup logGroup;
    private final LogpipeConfig.Service service;

    public ServiceLogGroup(Construct scope, String id, LogpipeConfig.Service service, int retentionDays) {
        super(scope, id);
        this.service = service;
        this.logGroup = service.existing()
                ? LogGroup.fromLogGroupName(this, "Imported", service.logGroup())
                : LogGroup.Builder.create(this, "Group")
                        .logGroupName(service.logGroup())
                        .retention(Retention.of(retentionDays))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
    }

    public ILogGroup logGroup() {
        return logGroup;
    }

    public LogpipeConfig.Service service() {
        return service;
    }
}
