package se.kaa.platform.web;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.shared.SchoolUnitCode;

/**
 * The shared value objects as request parameters and form fields: stripped, blank is none, anything
 * else that is not one is a value of the wrong type (a Swedish field problem, {@code InputProblems};
 * never the value itself, which may be a personnummer).
 */
@Configuration(proxyBeanMethods = false)
class ValueConverters implements WebMvcConfigurer {

    private final Clock clock;

    ValueConverters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // the century of a ten-digit number is read against today (the application's clock)
        registry.addConverter(String.class, PersonalIdentityNumber.class,
                s -> s.isBlank() ? null : PersonalIdentityNumber.parse(s.strip(), LocalDate.now(clock)));
        registry.addConverter(String.class, MunicipalityCode.class,
                s -> s.isBlank() ? null : MunicipalityCode.of(s.strip()));
        registry.addConverter(String.class, HalfYear.class, s -> s.isBlank() ? null : HalfYear.parse(s.strip()));
        registry.addConverter(String.class, SchoolUnitCode.class,
                s -> s.isBlank() ? null : new SchoolUnitCode(s.strip()));
    }
}
