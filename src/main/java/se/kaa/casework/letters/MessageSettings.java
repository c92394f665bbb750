package se.kaa.casework.letters;

import java.util.Map;
import java.util.Properties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The message settings as they are now: {@link LettersProperties} and {@code spring.mail.*} are
 * bound from the environment at every call, so that an operator (or a test) switching the SMS gateway
 * or the SMTP server does not need a restart, and an unset one means the outbox.
 */
@Component
public class MessageSettings {

    private final Environment environment;

    MessageSettings(Environment environment) {
        this.environment = environment;
    }

    public LettersProperties current() {
        return Binder.get(environment).bindOrCreate("kaa.casework.messages", LettersProperties.class);
    }

    public boolean smtpConfigured() {
        String host = environment.getProperty("spring.mail.host");
        return host != null && !host.isBlank();
    }

    /** A mail sender for the current {@code spring.mail.*}; only when {@link #smtpConfigured()}. */
    public JavaMailSenderImpl mailSender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(environment.getProperty("spring.mail.host"));
        sender.setPort(environment.getProperty("spring.mail.port", Integer.class, 25));
        sender.setUsername(environment.getProperty("spring.mail.username"));
        sender.setPassword(environment.getProperty("spring.mail.password"));
        sender.setProtocol(environment.getProperty("spring.mail.protocol", "smtp"));
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.putAll(Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        properties.putIfAbsent("mail.smtp.connectiontimeout", "10000");
        properties.putIfAbsent("mail.smtp.timeout", "10000");
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
