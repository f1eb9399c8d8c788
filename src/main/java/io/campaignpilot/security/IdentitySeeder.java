package io.campaignpilot.security;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.campaignpilot.security.Groups.ADMINS;
import static io.campaignpilot.security.Groups.AUDITORS;
import static io.campaignpilot.security.Groups.INTEGRATORS;
import static io.campaignpilot.security.Groups.LEGAL_LEADS;
import static io.campaignpilot.security.Groups.LEGAL_REVIEWERS;
import static io.campaignpilot.security.Groups.MARKETING_LEADS;
import static io.campaignpilot.security.Groups.MARKETING_MANAGERS;
import static io.campaignpilot.security.Groups.METRICS_READERS;
import static io.campaignpilot.security.Groups.PROCESS_OWNERS;
import static io.campaignpilot.security.Groups.STOREFRONT;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.RETRY_JOB;


/**
 * Creates the role groups, their least-privilege authorizations and the shared Tasklist filters; with
 * demo users enabled, one user per role (password from configuration). Idempotent: safe at every start.
 */
@Component
@Order(0)
public class IdentitySeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);
    private static final String ANY = Authorization.ANY;

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final AdminCredentials admin;
    private final boolean demoUsers;
    private final String demoPassword;

    public IdentitySeeder(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                          TaskService tasks, AdminCredentials admin, IdentityProperties demo) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.admin = admin;
        this.demoUsers = demo.demoUsers();
        this.demoPassword = demo.demoPassword();
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(MARKETING_MANAGERS, "Marketing managers");
        names.put(MARKETING_LEADS, "Marketing leads (escalations)");
        names.put(LEGAL_REVIEWERS, "Legal and compliance reviewers");
        names.put(LEGAL_LEADS, "Legal leads (escalated legal reviews)");
        names.put(PROCESS_OWNERS, "Process owners");
        names.put(AUDITORS, "Auditors (read only)");
        names.put(INTEGRATORS, "Integrations (trigger and outcome events)");
        // no Camunda authorization at all: its API token reads /api/web-content and nothing else
        names.put(STOREFRONT, "Storefront (customers' web content)");
        // no Camunda authorization either: its members read /actuator/prometheus (Prometheus's scrape user)
        names.put(METRICS_READERS, "Metrics readers (Prometheus scrape)");
        names.put(ADMINS, "camunda BPM Administrators");
        names.forEach(this::group);

        // reviewers: Tasklist, read the campaign processes; task access comes from the candidate group on each task
        for (String reviewer : new String[]{MARKETING_MANAGERS, MARKETING_LEADS, LEGAL_REVIEWERS, LEGAL_LEADS}) {
            grant(reviewer, Resources.APPLICATION, "tasklist", ACCESS);
            grant(reviewer, Resources.PROCESS_DEFINITION, ANY, READ);
        }
        // marketing managers may also start a campaign from a brief in Tasklist, and read their campaigns' results in
        // Cockpit (its Campaigns page). Cockpit shows them no more of the engine than Tasklist does: they hold no READ
        // on process instances, nor READ_INSTANCE or READ_HISTORY on definitions
        for (String starter : new String[]{MARKETING_MANAGERS, MARKETING_LEADS}) {
            grant(starter, Resources.PROCESS_DEFINITION, ProcessNames.LIFECYCLE, READ, CREATE_INSTANCE);
            grant(starter, Resources.PROCESS_INSTANCE, ANY, CREATE);
            grant(starter, Resources.APPLICATION, "cockpit", ACCESS);
        }
        // auditors: read everything, change nothing
        grant(AUDITORS, Resources.APPLICATION, "cockpit", ACCESS);
        grant(AUDITORS, Resources.PROCESS_DEFINITION, ANY, READ, READ_HISTORY, READ_INSTANCE, READ_TASK);
        grant(AUDITORS, Resources.PROCESS_INSTANCE, ANY, READ);
        grant(AUDITORS, Resources.TASK, ANY, READ);
        grant(AUDITORS, Resources.DEPLOYMENT, ANY, READ);
        // process owners operate: read everything and retry failed jobs (incidents). They cannot deploy (models come from
        // the packaged processes/), nor modify, migrate, delete or change variables of instances: that could skip review
        grant(PROCESS_OWNERS, Resources.APPLICATION, "cockpit", ACCESS);
        grant(PROCESS_OWNERS, Resources.APPLICATION, "tasklist", ACCESS);
        grant(PROCESS_OWNERS, Resources.PROCESS_DEFINITION, ANY, READ, READ_HISTORY, READ_INSTANCE, READ_TASK, RETRY_JOB);
        grant(PROCESS_OWNERS, Resources.PROCESS_INSTANCE, ANY, READ, ProcessInstancePermissions.RETRY_JOB);
        grant(PROCESS_OWNERS, Resources.DEPLOYMENT, ANY, READ);
        grant(PROCESS_OWNERS, Resources.TASK, ANY, READ);

        String queue = filter("Review queue", "Reviews waiting for one of your groups",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(), -10);
        String mine = filter("My tasks", "Reviews you have claimed",
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -5);
        for (String group : names.keySet().stream().filter(g -> !g.equals(STOREFRONT) && !g.equals(METRICS_READERS)).toList()) {
            grant(group, Resources.FILTER, queue, READ);
            grant(group, Resources.FILTER, mine, READ);
        }

        if (demoUsers) {
            user("mary", "Mary", "Marketing", MARKETING_MANAGERS);
            user("leo", "Leo", "Lead", MARKETING_LEADS);
            user("lena", "Lena", "Legal", LEGAL_REVIEWERS);
            user("lucas", "Lucas", "Legal-Lead", LEGAL_LEADS);
            user("owen", "Owen", "Owner", PROCESS_OWNERS);
            user("ada", "Ada", "Auditor", AUDITORS);
            user("integration", "Commerce", "Integration", INTEGRATORS);
            user("prometheus", "Prometheus", "Scrape", METRICS_READERS);
            // 'admin' (camunda-admin) is created by the Camunda starter from camunda.bpm.admin-user
            log.info("demo users ready: mary, leo, lena, lucas, owen, ada, integration, prometheus, admin");
        }
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(ADMINS.equals(id) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void user(String id, String first, String last, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(id + "@harborandpine.example");
            user.setPassword(demoPassword);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    /** Grants exactly these permissions: a wider grant left by an earlier version is narrowed, not kept. */
    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization auth = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        auth.setGroupId(group);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        auth.setPermissions(permissions);
        authorizations.saveAuthorization(auth);
    }

    private String filter(String name, String description, org.camunda.bpm.engine.task.TaskQuery query, int priority) {
        Filter existing = filters.createFilterQuery().filterName(name).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        Filter filter = filters.newTaskFilter(name).setOwner(admin.user()).setQuery(query).setProperties(properties);
        filters.saveFilter(filter);
        return filter.getId();
    }
}
