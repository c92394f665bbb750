package se.kaa.platform.web;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.kaa.platform.UploadSpool;

/**
 * The servlet container writes multipart uploads to disk while it receives them; they go to the
 * spool under the data directory (an absolute path: a relative one would be resolved against the
 * container's own temp directory), with the limits of {@code spring.servlet.multipart.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MultipartSpoolConfiguration {

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties properties, UploadSpool spool) {
        MultipartConfigElement limits = properties.createMultipartConfig();
        return new MultipartConfigElement(spool.directory().toString(), limits.getMaxFileSize(),
                limits.getMaxRequestSize(), limits.getFileSizeThreshold());
    }
}
