package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaskArnsTest {

    @Test
    void should_split_each_arn_as_string_split_does_when_more_arns_alternate_than_are_kept() {
        TaskArns arns = new TaskArns();
        SplittableRandom random = new SplittableRandom(13);
        String[] shapes = {"arn:aws:ecs:%s:123456789012:task/c/%d", "arn:aws:ecs::1:task/%s%d", "not-an-arn-%s-%d",
                "arn:aws:ecs:%s:1:task%d", "arn:x:%s:%d"};
        for (int i = 0; i < 2_000; i++) {
            String arn = new String(String.format(shapes[random.nextInt(shapes.length)], "r" + random.nextInt(4),
                    random.nextInt(5)));

            TaskArns.Split split = arns.of(arn);

            assertThat(split.parts()).as(arn).containsExactly(arn.split(":", 6));
            assertThat(split.taskId()).as(arn).isEqualTo(arn.substring(arn.lastIndexOf('/') + 1));
        }
    }
}
