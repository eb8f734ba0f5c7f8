package dev.agentflow.core.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;

/**
 * The parent context of every render of one {@link TemplateRenderer}: a copy of the Jinjava instance's global
 * context (its expression tests, filters, functions and tags), built once instead of once per render as
 * {@code Jinjava.renderForResult} does ({@code copyGlobalContext}, a third of a short render's time).
 *
 * <p>Each render gets its own child {@link Context} holding the variables and anything a template sets. Jinjava
 * reports the expressions, values, functions and dependencies a render resolved up the parent chain (for callers
 * that inspect them, which we do not); here they stop at the child, so this context is never written during a
 * render and is safe to share between threads. (Jinjava itself clears them from its global context after every
 * render, racing with concurrent renders.) Eager execution mode, which does write to the root, is not used.
 */
final class SharedGlobalContext extends Context {

    /** @param global the Jinjava instance's global context ({@code Jinjava.getGlobalContext()}) */
    SharedGlobalContext(Context global) {
        super(null, global);
        global.getAllExpTests().forEach(this::registerExpTest);
        global.getAllFilters().forEach(this::registerFilter);
        global.getAllFunctions().forEach(this::registerFunction);
        global.getAllTags().forEach(this::registerTag);
        setAutoEscape(global.isAutoEscape());
        setDynamicVariableResolver(global.getDynamicVariableResolver());
    }

    @Override
    public void addResolvedExpression(String expression) {
        // not collected at the shared root (see class comment)
    }

    @Override
    public void addResolvedValue(String value) {
        // not collected at the shared root
    }

    @Override
    public void addResolvedFunction(String function) {
        // not collected at the shared root
    }

    @Override
    public void addDependency(String type, String identification) {
        // not collected at the shared root
    }

    @Override
    public void addDependencies(SetMultimap<String, String> dependencies) {
        // not collected at the shared root
    }
}
