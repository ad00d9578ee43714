package io.logpipe.cdk.support;

import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading synthesised templates as plain maps, for assertions Match cannot express (every statement of a kind). */
public final class Templates {
    private Templates() {
    }

    /** The resources of a type, logical id to properties. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> properties(Template template, String type) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        template.findResources(type).forEach((id, resource) ->
                out.put(id, (Map<String, Object>) ((Map<String, Object>) resource).getOrDefault("Properties", Map.of())));
        return out;
    }

    /** Every IAM policy statement in the template: inline policies, managed policies and role policies. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> iamStatements(Template template) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            properties(template, type).values().forEach(p ->
                    out.addAll((List<Map<String, Object>>) ((Map<String, Object>) p.get("PolicyDocument")).get("Statement")));
        }
        properties(template, "AWS::IAM::Role").values().forEach(p -> {
            for (Object policy : (List<Object>) p.getOrDefault("Policies", List.of())) {
                out.addAll((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) policy)
                        .get("PolicyDocument")).get("Statement"));
            }
        });
        return out;
    }

    /** A statement's Action or Resource as a list (CloudFormation allows a single value). */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }
}
