package io.claimdesk.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.claimdesk.core.Ids;
import io.javalin.http.Context;

/** The API's JSON: ISO-8601 times, and strict reading of request bodies with clear errors. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}

  /** The request body as a JSON object; 400 when it is missing or not a JSON object. */
  public static JsonNode object(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Malformed JSON body");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    return node;
  }

  /** A required, non-blank string field. */
  public static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badRequest("Missing field: " + field);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badRequest("Field " + field + " must be a non-empty string");
    }
    return value.asText();
  }

  /** An optional string field, null when absent. */
  public static String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest("Field " + field + " must be a string");
    }
    return value.asText().isBlank() ? null : value.asText();
  }

  /** A required id field holding a 24-character hex id. */
  public static String id(JsonNode body, String field) {
    return id(text(body, field), field);
  }

  /** Checks that {@code value} is a 24-character hex id. */
  public static String id(String value, String name) {
    if (!Ids.isValid(value)) {
      throw ApiException.badRequest(name + " must be a 24-character hexadecimal id");
    }
    return value;
  }
}
