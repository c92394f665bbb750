package se.kaa.casework.worklist;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import se.kaa.casework.worklist.Worklist.Category;

/**
 * A worklist category from a link or a query: its name in any case, with {@code -} for {@code _}
 * ({@code not-contacted}); blank is none; anything else is a value of the wrong type (400 in the API).
 */
@Configuration(proxyBeanMethods = false)
class WorklistConverters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Category.class, new CategoryConverter());
    }

    static final class CategoryConverter implements Converter<String, Category> {
        @Override
        public Category convert(String source) {
            if (source.isBlank()) {
                return null;
            }
            String name = source.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            return Arrays.stream(Category.values()).filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No worklist category"));
        }
    }
}
