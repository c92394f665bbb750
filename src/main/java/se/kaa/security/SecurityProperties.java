package se.kaa.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminUsername the first administrator, created on first start ({@code KAA_ADMIN_USERNAME})
 * @param adminPassword her password ({@code KAA_ADMIN_PASSWORD}); in demo mode a generated one is
 *                      printed once when unset
 */
@ConfigurationProperties("kaa.security")
public record SecurityProperties(String adminUsername, String adminPassword) {
}
