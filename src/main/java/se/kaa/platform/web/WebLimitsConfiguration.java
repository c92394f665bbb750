package se.kaa.platform.web;

import java.util.EnumSet;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Bounded request bodies ({@link RequestBodyFilter}), first of all filters after the character
 * encoding, for requests and for the dispatch that follows once a body is read; and the error page's
 * reason for a refusal that happens before any controller.
 */
@Configuration(proxyBeanMethods = false)
class WebLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(WebLimitsProperties limits, MessageSource messages,
            @Value("${server.tomcat.max-parameter-count:1000}") int maxParameters) {
        FilterRegistrationBean<RequestBodyFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyFilter(limits, messages, maxParameters));
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** The error page ({@code error.html}) shows a refusal's Swedish reason, set as a request attribute. */
    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = super.getErrorAttributes(request, options);
                Object reason = request.getAttribute(RequestBodyFilter.REASON, RequestAttributes.SCOPE_REQUEST);
                if (reason != null) {
                    attributes.put("reason", reason);
                }
                return attributes;
            }
        };
    }
}
