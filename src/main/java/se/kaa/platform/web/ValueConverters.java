package se.kaa.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.SchoolUnitCode;

/**
 * The shared value objects as request parameters and form fields: stripped, blank is none, anything
 * else that is not one is a value of the wrong type (a Swedish field problem, {@code InputProblems}).
 */
@Configuration(proxyBeanMethods = false)
class ValueConverters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, MunicipalityCode.class,
                s -> s.isBlank() ? null : MunicipalityCode.of(s.strip()));
        registry.addConverter(String.class, SchoolUnitCode.class,
                s -> s.isBlank() ? null : new SchoolUnitCode(s.strip()));
    }
}
