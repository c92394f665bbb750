package se.kaa.security.internal;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.security.Granted;
import se.kaa.security.GrantedMunicipalities;
import se.kaa.shared.MunicipalityCode;

/**
 * Controller arguments about the caller, resolved once here rather than in every controller: her
 * {@link AccessScope}, and a {@link Granted} municipality ({@link GrantedMunicipalities}).
 */
@Configuration(proxyBeanMethods = false)
class CallerArguments implements WebMvcConfigurer {

    private final CurrentAccess access;
    private final GrantedMunicipalities municipalities;

    CallerArguments(CurrentAccess access, GrantedMunicipalities municipalities) {
        this.access = access;
        this.municipalities = municipalities;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ScopeResolver());
        resolvers.add(new GrantedResolver());
    }

    private final class ScopeResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == AccessScope.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
            return access.scope();
        }
    }

    private final class GrantedResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == MunicipalityCode.class && parameter.hasParameterAnnotation(Granted.class);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
            Granted g = parameter.getParameterAnnotation(Granted.class);
            @SuppressWarnings("unchecked")
            java.util.Map<String, String> path = (java.util.Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            String value = path != null && path.containsKey(g.value()) ? path.get(g.value()) : request.getParameter(g.value());
            return municipalities.forPage(value, g.exactly());
        }
    }
}
