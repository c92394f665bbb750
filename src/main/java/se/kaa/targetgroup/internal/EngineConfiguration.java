package se.kaa.targetgroup.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.kaa.targetgroup.TargetGroupProperties;
import se.kaa.targetgroup.rules.TargetGroupEngine;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    TargetGroupEngine targetGroupEngine(TargetGroupProperties properties) {
        return new TargetGroupEngine(properties.settings());
    }
}
