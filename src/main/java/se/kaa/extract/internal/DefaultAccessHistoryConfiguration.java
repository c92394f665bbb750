package se.kaa.extract.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.kaa.extract.AccessHistory;

/**
 * Until the audit module provides its {@link AccessHistory} (a scanned component, registered before
 * this configuration's beans are considered), the extract says that no access log is kept.
 */
@Configuration(proxyBeanMethods = false)
class DefaultAccessHistoryConfiguration {

    @Bean
    @ConditionalOnMissingBean(AccessHistory.class)
    AccessHistory noAccessHistory() {
        return new AccessHistory() {
            @Override
            public List<Access> accessesTo(UUID personId) {
                return List.of();
            }

            @Override
            public boolean recorded() {
                return false;
            }
        };
    }
}
