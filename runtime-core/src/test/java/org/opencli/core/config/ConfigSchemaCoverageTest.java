package org.opencli.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencli.core.json.Json;

/**
 * The schema and the config records describe the same keys: a field added to a record without the
 * schema (or the reverse) would be rejected as unknown (or silently dropped), so this fails first.
 */
class ConfigSchemaCoverageTest {

    static Stream<Arguments> recordsAndSchemas() {
        return Stream.of(
                Arguments.of(CliConfig.class, ""),
                Arguments.of(ModeConfig.class, "/properties/mode"),
                Arguments.of(RuntimeConfig.class, "/$defs/runtime"),
                Arguments.of(RuntimeLocalConfig.class, "/$defs/runtimeLocal"),
                Arguments.of(RuntimeRemoteConfig.class, "/$defs/runtimeRemote"),
                Arguments.of(RemoteOAuthConfig.class, "/$defs/remoteOAuth"),
                Arguments.of(RemoteOAuthConfig.RemoteOAuthClient.class, "/$defs/remoteOAuth/properties/client"),
                Arguments.of(RemoteOAuthConfig.BrowserLoginConfig.class, "/$defs/remoteOAuth/properties/browserLogin"),
                Arguments.of(RemoteOAuthConfig.DeviceCodeConfig.class, "/$defs/remoteOAuth/properties/deviceCode"),
                Arguments.of(RuntimeServerConfig.class, "/$defs/runtimeServer"),
                Arguments.of(ServerAuthConfig.class, "/$defs/serverAuth"),
                Arguments.of(ServerAuthConfig.RevocationCheckConfig.class, "/$defs/revocationCheck"),
                Arguments.of(ServerAuthConfig.FailureAuditConfig.class, "/$defs/failureAudit"),
                Arguments.of(SourceConfig.class, "/$defs/source"),
                Arguments.of(RefreshConfig.class, "/$defs/refresh"),
                Arguments.of(McpTransportConfig.class, "/$defs/transport"),
                Arguments.of(OAuthClientConfig.class, "/$defs/sourceOAuth"),
                Arguments.of(McpServerConfig.class, "/$defs/mcpServer"),
                Arguments.of(ServiceConfig.class, "/$defs/service"),
                Arguments.of(AuditConfig.class, "/properties/audit"),
                Arguments.of(AuditRotationConfig.class, "/properties/audit/properties/rotation"),
                Arguments.of(AuditRetentionConfig.class, "/properties/audit/properties/retention"),
                Arguments.of(AuditSyslogConfig.class, "/properties/audit/properties/syslog"),
                Arguments.of(CurationConfig.class, "/properties/curation"),
                Arguments.of(ToolSetConfig.class, "/$defs/toolSet"),
                Arguments.of(AgentsConfig.class, "/properties/agents"),
                Arguments.of(AgentProfileConfig.class, "/$defs/profile"),
                Arguments.of(PolicyConfig.class, "/properties/policy"),
                Arguments.of(SecretConfig.class, "/$defs/secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsAndSchemas")
    void recordComponentsMatchSchemaProperties(Class<?> record, String pointer) throws Exception {
        JsonNode schema = schema().at(pointer);

        assertThat(schema.path("additionalProperties").asBoolean(true)).as("unknown keys rejected").isFalse();
        List<String> schemaKeys = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(schemaKeys::add);
        schemaKeys.remove("$schema");
        assertThat(schemaKeys).containsExactlyInAnyOrderElementsOf(jsonNames(record));
    }

    private static List<String> jsonNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            if (renamed == null && c.getAnnotation(JsonProperty.class) != null) renamed = c.getAnnotation(JsonProperty.class);
            if (renamed == null) {
                try {
                    renamed = record.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                } catch (NoSuchFieldException ignored) {
                    // records always have the field; keep the plain name otherwise
                }
            }
            names.add(renamed != null ? renamed.value() : c.getName());
        }
        return names;
    }

    private static JsonNode schema() throws Exception {
        try (InputStream in = ConfigSchemaCoverageTest.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
