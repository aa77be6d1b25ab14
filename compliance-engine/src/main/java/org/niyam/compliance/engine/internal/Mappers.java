package org.niyam.compliance.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The one configuration of every Jackson mapper Niyam reads input with, JSON or YAML. Not API. */
public final class Mappers {

    private Mappers() {
    }

    /**
     * Strict reading: unknown fields are errors, and a value of the wrong shape is an error, never silently
     * converted (4999999.9 users, a number for a category, a number of seconds for an instant). Instants keep
     * their offset; durations and instants are written as ISO-8601 text; nulls are left out of output.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("niyam-instants").addDeserializer(OffsetDateTime.class, new InstantText()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * The instant when the text has the form logs write, {@code 2026-02-20T10:15:00+05:30}, with an optional
     * fraction of up to nine digits and {@code Z} for UTC: the value the ISO-8601 parser gives, found without it
     * (it costs a good part of reading a large case log). Null for any other text, which the ISO-8601 parser then
     * reads or rejects.
     */
    static OffsetDateTime commonInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int i = 19;
        int nano = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < length && i - start < 10 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                nano = nano * 10 + text.charAt(i) - '0';
                i++;
            }
            int fraction = i - start;
            if (fraction == 0 || fraction > 9) {
                return null;
            }
            for (int scale = fraction; scale < 9; scale++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (i == length - 1 && text.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == length - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int hours = digits(text, i + 1, 2);
            int minutes = digits(text, i + 4, 2);
            int seconds = (hours * 60 + minutes) * 60;
            if (hours < 0 || minutes < 0 || minutes > 59 || seconds > 18 * 3600) {
                return null;
            }
            offset = ZoneOffset.ofTotalSeconds(text.charAt(i) == '-' ? -seconds : seconds);
        } else {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0 || second > 59) {
            return null;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(date(year, month, day), LocalTime.of(hour, minute, second, nano)),
                    offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Recent dates, shared: a log's instants fall on few days, and a million of them need not hold a million equal
     * dates. Racy but safe: a slot holds an immutable date or null, and a miss only makes a new date.
     */
    private static final LocalDate[] DATES = new LocalDate[4096];

    private static LocalDate date(int year, int month, int day) {
        int slot = (year * 512 + month * 32 + day) & (DATES.length - 1);
        LocalDate date = DATES[slot];
        if (date == null || date.getDayOfMonth() != day || date.getMonthValue() != month || date.getYear() != year) {
            date = LocalDate.of(year, month, day);
            DATES[slot] = date;
        }
        return date;
    }

    /** The number written with {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** Instants only as ISO-8601 text with an offset; a bare number is an error, not seconds since 1970. */
    private static final class InstantText extends JsonDeserializer<OffsetDateTime> {

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            OffsetDateTime common = commonInstant(parser.getText());
            return common != null ? common : InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
        }
    }
}
