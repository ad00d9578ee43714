package io.logpipe.processor.sink;

import io.logpipe.processor.sink.JsonOut.Name;

/** The documents' field names (docs/schema.md), each encoded once for {@link JsonOut}. */
final class FieldNames {
    static final Name ACCOUNT = JsonOut.name("account");
    static final Name ACTION = JsonOut.name("action");
    static final Name ATTRIBUTES = JsonOut.name("attributes");
    static final Name AWS = JsonOut.name("aws");
    static final Name BILLED_DURATION_MS = JsonOut.name("billed_duration_ms");
    static final Name BODY = JsonOut.name("body");
    static final Name BYTES = JsonOut.name("bytes");
    static final Name CLOUD = JsonOut.name("cloud");
    static final Name CLOUDWATCH = JsonOut.name("cloudwatch");
    static final Name CLUSTER = JsonOut.name("cluster");
    static final Name CONTAINER = JsonOut.name("container");
    static final Name CREATED = JsonOut.name("created");
    static final Name DATASET = JsonOut.name("dataset");
    static final Name DURATION = JsonOut.name("duration");
    static final Name DURATION_MS = JsonOut.name("duration_ms");
    static final Name ECS = JsonOut.name("ecs");
    static final Name ENVIRONMENT = JsonOut.name("environment");
    static final Name ERROR = JsonOut.name("error");
    static final Name EVENT = JsonOut.name("event");
    static final Name FAAS = JsonOut.name("faas");
    static final Name FINGERPRINT = JsonOut.name("fingerprint");
    static final Name HOST = JsonOut.name("host");
    static final Name HTTP = JsonOut.name("http");
    static final Name ID = JsonOut.name("id");
    static final Name INIT_DURATION_MS = JsonOut.name("init_duration_ms");
    static final Name IOSTREAM = JsonOut.name("iostream");
    static final Name IP = JsonOut.name("ip");
    static final Name KAFKA = JsonOut.name("kafka");
    static final Name KEY = JsonOut.name("key");
    static final Name LAMBDA = JsonOut.name("lambda");
    static final Name LEVEL = JsonOut.name("level");
    static final Name LOG = JsonOut.name("log");
    static final Name LOGGER = JsonOut.name("logger");
    static final Name LOG_GROUP = JsonOut.name("log_group");
    static final Name LOG_STREAM = JsonOut.name("log_stream");
    static final Name MAX_MEMORY_USED_MB = JsonOut.name("max_memory_used_mb");
    static final Name MEMORY_SIZE_MB = JsonOut.name("memory_size_mb");
    static final Name MESSAGE = JsonOut.name("message");
    static final Name METHOD = JsonOut.name("method");
    static final Name NAME = JsonOut.name("name");
    static final Name OFFSET = JsonOut.name("offset");
    static final Name ORIGINAL = JsonOut.name("original");
    static final Name PARTITION = JsonOut.name("partition");
    static final Name PATH = JsonOut.name("path");
    static final Name PLATFORM_EVENT = JsonOut.name("platform_event");
    static final Name PROCESS = JsonOut.name("process");
    static final Name PROVIDER = JsonOut.name("provider");
    static final Name QUERY = JsonOut.name("query");
    static final Name REFERRER = JsonOut.name("referrer");
    static final Name REGION = JsonOut.name("region");
    static final Name REQUEST = JsonOut.name("request");
    static final Name REQUEST_ID = JsonOut.name("request_id");
    static final Name RESPONSE = JsonOut.name("response");
    static final Name SERVICE = JsonOut.name("service");
    static final Name SOURCE = JsonOut.name("source");
    static final Name SPAN = JsonOut.name("span");
    static final Name STACK_TRACE = JsonOut.name("stack_trace");
    static final Name STATUS = JsonOut.name("status");
    static final Name STATUS_CODE = JsonOut.name("status_code");
    static final Name TAGS = JsonOut.name("tags");
    static final Name TASK_ARN = JsonOut.name("task_arn");
    static final Name TASK_DEFINITION = JsonOut.name("task_definition");
    static final Name THREAD = JsonOut.name("thread");
    static final Name TIMESTAMP = JsonOut.name("@timestamp");
    static final Name TOPIC = JsonOut.name("topic");
    static final Name TRACE = JsonOut.name("trace");
    static final Name TYPE = JsonOut.name("type");
    static final Name URL = JsonOut.name("url");
    static final Name USER = JsonOut.name("user");
    static final Name USER_AGENT = JsonOut.name("user_agent");
    static final Name VERSION = JsonOut.name("version");

    private FieldNames() {
    }
}
