import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  engineLanguageImages,
  runnerImageRecipes,
  serverDefaultPort,
  serverGetRoutes,
} from "./repo.js";
import {
  type Body,
  block,
  loadTerraform,
  referencesIn,
  resolve,
  resource,
  resourcesOfType,
  type TerraformConfig,
} from "./terraform-config.js";

let tf: TerraformConfig;

beforeAll(async () => {
  tf = await loadTerraform();
});

/** The task definition's container definitions: `jsonencode([local.server_container])`. */
function serverContainer(): Body {
  const task = resource(tf, "aws_ecs_task_definition.server");
  expect(task.container_definitions).toBe("${jsonencode([local.server_container])}");
  return tf.locals.get("server_container") as Body;
}

function ingressRules(): Array<[string, Body]> {
  return resourcesOfType(tf, "aws_vpc_security_group_ingress_rule");
}

describe("terraform: structure", () => {
  it("is split into files by concept, each parsed by the HCL parser", () => {
    for (const file of [
      "versions.tf",
      "providers.tf",
      "variables.tf",
      "outputs.tf",
      "network.tf",
      "ecs.tf",
      "capacity.tf",
      "alb.tf",
      "autoscaling.tf",
      "ecr.tf",
      "iam.tf",
      "logs.tf",
      "database.tf",
    ]) {
      expect(tf.files.has(file), file).toBe(true);
    }
    expect(tf.resources.size).toBeGreaterThan(30);
  });

  it("declares every resource, data source, variable and local it references", () => {
    const missing = new Set<string>();
    for (const json of tf.files.values()) {
      for (const reference of referencesIn(json)) {
        const known =
          reference.kind === "resource"
            ? tf.resources.has(reference.key)
            : reference.kind === "data"
              ? tf.data.has(reference.key)
              : reference.kind === "var"
                ? tf.variables.has(reference.key)
                : tf.locals.has(reference.key);
        if (!known) missing.add(`${reference.kind} ${reference.key}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("finds references at all (the scanner works)", () => {
    const kinds = new Set(referencesIn([...tf.files.values()]).map((reference) => reference.kind));
    expect([...kinds].sort()).toEqual(["data", "local", "resource", "var"]);
    expect(referencesIn("${aws_lb.nope.arn} ${var.x} ${data.aws_y.z.id} ${local.w}")).toEqual([
      { kind: "resource", key: "aws_lb.nope" },
      { kind: "var", key: "x" },
      { kind: "data", key: "aws_y.z" },
      { kind: "local", key: "w" },
    ]);
  });

  it("uses every variable it declares", () => {
    const used = new Set(
      referencesIn([...tf.files.values()])
        .filter((reference) => reference.kind === "var")
        .map((reference) => reference.key),
    );
    expect([...tf.variables.keys()].filter((name) => !used.has(name))).toEqual([]);
  });

  it("gives every variable a type, a description and a default", () => {
    for (const [name, variable] of tf.variables) {
      expect(variable.type, `variable ${name} type`).toBeTypeOf("string");
      expect(String(variable.description ?? ""), `variable ${name} description`).not.toBe("");
      expect(Object.hasOwn(variable, "default"), `variable ${name} default`).toBe(true);
    }
  });

  it("describes every output, and outputs the load balancer's stable DNS name", () => {
    for (const [name, output] of tf.outputs) {
      expect(String(output.description ?? ""), `output ${name}`).not.toBe("");
    }
    expect(tf.outputs.get("alb_dns_name")?.value).toBe("${aws_lb.this.dns_name}");
    expect(String(tf.outputs.get("url")?.value)).toContain("aws_lb.this.dns_name");
  });

  it("pins Terraform and the AWS provider, and declares a partial s3 backend", () => {
    const settings = tf.terraform;
    expect(settings.some((body) => typeof body.required_version === "string")).toBe(true);
    const providers = settings.flatMap((body) => (body.required_providers ?? []) as Body[]);
    const aws = providers.map((body) => body.aws as Body | undefined).find(Boolean);
    expect(aws?.source).toBe("hashicorp/aws");
    expect(String(aws?.version)).toMatch(/^~> \d+\.\d+/);
    const backends = settings.flatMap((body) => (body.backend ?? []) as Body[]);
    expect(backends.some((body) => "s3" in body)).toBe(true);
    expect(existsSync(join(tf.dir, "backend.hcl.example"))).toBe(true);
  });
});

describe("terraform: the server on ECS", () => {
  it("checks the ALB target group on the server's readiness route", () => {
    expect(serverGetRoutes()).toContain("/readyz");
    const healthCheck = block(resource(tf, "aws_lb_target_group.server"), "health_check");
    expect(resolve(tf, healthCheck.path)).toBe("/readyz");
    expect(healthCheck.matcher).toBe("200");
  });

  it("mounts the instance's Docker socket into the task", () => {
    const task = resource(tf, "aws_ecs_task_definition.server");
    const volume = block(task, "volume");
    expect(resolve(tf, volume.host_path)).toBe("/var/run/docker.sock");
    const mounts = serverContainer().mountPoints as Body[];
    const mount = mounts.find((m) => resolve(tf, m.sourceVolume) === resolve(tf, volume.name));
    expect(mount, "a mountPoint of the socket volume").toBeDefined();
    expect(resolve(tf, mount?.containerPath)).toBe("/var/run/docker.sock");
  });

  it("runs on EC2 capacity, never Fargate (sibling containers need the host's daemon)", () => {
    const task = resource(tf, "aws_ecs_task_definition.server");
    expect(task.requires_compatibilities).toEqual(["EC2"]);
    expect(["bridge", "host"]).toContain(task.network_mode);
    const service = resource(tf, "aws_ecs_service.server");
    expect(service.launch_type).toBeUndefined();
    expect(block(service, "capacity_provider_strategy").capacity_provider).toBe(
      "${aws_ecs_capacity_provider.instances.name}",
    );
    expect(block(service, "placement_constraints").type).toBe("distinctInstance");
    const provider = block(
      resource(tf, "aws_ecs_capacity_provider.instances"),
      "auto_scaling_group_provider",
    );
    expect(block(provider, "managed_scaling").status).toBe("ENABLED");
    expect(provider.auto_scaling_group_arn).toBe("${aws_autoscaling_group.instances.arn}");
  });

  it("uses the ECS-optimized AMI from its SSM parameter, with user data that joins and pre-pulls", () => {
    expect(String(tf.variables.get("ami_ssm_parameter")?.default)).toMatch(
      /^\/aws\/service\/ecs\/optimized-ami\//,
    );
    const template = resource(tf, "aws_launch_template.instances");
    expect(template.image_id).toBe("${data.aws_ssm_parameter.ecs_ami.value}");
    expect(String(template.user_data)).toContain("user-data.sh.tftpl");
    expect(block(template, "metadata_options").http_tokens).toBe("required");
    const userData = readFileSync(join(tf.dir, "user-data.sh.tftpl"), "utf8");
    expect(userData).toContain("ECS_CLUSTER=${cluster_name}");
    expect(userData).toMatch(/%\{ for name, image in runner_images ~\}/);
    expect(userData).toContain('docker pull --quiet "${image}"');
    expect(userData).toContain("aws ecr get-login-password");
  });

  it("publishes the server's default port (8080) as the container port everywhere", () => {
    const port = serverDefaultPort();
    expect(port).toBe(8080);
    expect(tf.variables.get("container_port")?.default).toBe(port);
    const container = serverContainer();
    const mapping = (container.portMappings as Body[])[0];
    expect(resolve(tf, mapping?.containerPort)).toBe(port);
    expect(mapping?.hostPort).toBe(0);
    const lb = block(resource(tf, "aws_ecs_service.server"), "load_balancer");
    expect(resolve(tf, lb.container_port)).toBe(port);
    expect(resolve(tf, lb.container_name)).toBe(resolve(tf, container.name));
    const env = tf.locals.get("server_environment") as string;
    expect(env).toContain("WARMBOX_PORT");
    expect(env).toContain("tostring(var.container_port)");
  });

  it("keeps the task's own role empty and the execution role scoped", () => {
    const attachments = [
      ...resourcesOfType(tf, "aws_iam_role_policy_attachment"),
      ...resourcesOfType(tf, "aws_iam_role_policy"),
    ];
    for (const [, body] of attachments) {
      expect(String(body.role)).not.toContain("aws_iam_role.task.");
    }
    expect(resource(tf, "aws_ecs_task_definition.server").task_role_arn).toBe(
      "${aws_iam_role.task.arn}",
    );
    const instancePolicies = String(
      resource(tf, "aws_iam_role_policy_attachment.instance").for_each,
    );
    for (const policy of [
      "AmazonEC2ContainerServiceforEC2Role",
      "AmazonEC2ContainerRegistryReadOnly",
      "AmazonSSMManagedInstanceCore",
    ]) {
      expect(instancePolicies).toContain(policy);
    }
  });

  it("has an ECR repository with a lifecycle policy for the server and every runner image", () => {
    const languages = tf.variables.get("languages")?.default as string[];
    expect(languages).toEqual(["python", "javascript", "java", "c", "cpp"]);
    const runnerImages = tf.variables.get("runner_images")?.default as string[];
    const recipes = runnerImageRecipes();
    const imageOf = engineLanguageImages();
    for (const id of languages) {
      const image = imageOf.get(id);
      expect(image, `the engine's language ${id}`).toBeDefined();
      expect(runnerImages, `runner image of ${id}`).toContain(image);
      expect(recipes, `recipe folder of ${id}`).toContain(image);
    }
    expect(resource(tf, "aws_ecr_repository.runner").for_each).toBe("${toset(var.runner_images)}");
    expect(resource(tf, "aws_ecr_repository.server")).toBeDefined();
    expect(resource(tf, "aws_ecr_lifecycle_policy.server").repository).toBe(
      "${aws_ecr_repository.server.name}",
    );
    expect(resource(tf, "aws_ecr_lifecycle_policy.runner").for_each).toBe(
      "${aws_ecr_repository.runner}",
    );
  });
});

describe("terraform: exposure", () => {
  it("defines no inline security group rules and no legacy aws_security_group_rule", () => {
    for (const [name, group] of resourcesOfType(tf, "aws_security_group")) {
      expect(group.ingress, `aws_security_group.${name} inline ingress`).toBeUndefined();
      expect(group.egress, `aws_security_group.${name} inline egress`).toBeUndefined();
    }
    expect(resourcesOfType(tf, "aws_security_group_rule")).toEqual([]);
  });

  it("opens only the ALB's listener ports (80, 443) to CIDR ranges such as 0.0.0.0/0", () => {
    const listenerPorts = [
      resource(tf, "aws_lb_listener.http").port,
      resource(tf, "aws_lb_listener.https").port,
    ];
    expect(listenerPorts).toEqual([80, 443]);
    const rules = ingressRules();
    expect(rules.length).toBeGreaterThan(0);
    for (const [name, rule] of rules) {
      const fromCidr = rule.cidr_ipv4 !== undefined || rule.cidr_ipv6 !== undefined;
      if (!fromCidr) {
        expect(rule.referenced_security_group_id, `${name}: from a security group`).toMatch(
          /^\$\{aws_security_group\.\w+\.id\}$/,
        );
        continue;
      }
      // Any CIDR ingress (the allowed ranges default to 0.0.0.0/0) is the ALB's, on a listener port.
      expect(rule.security_group_id, `${name}: only the ALB faces CIDR ranges`).toBe(
        "${aws_security_group.alb.id}",
      );
      expect(listenerPorts, `${name}: from_port`).toContain(rule.from_port);
      expect(rule.to_port, `${name}: a single port`).toBe(rule.from_port);
    }
  });

  it("lets the instances accept traffic from the ALB's security group only", () => {
    const toInstances = ingressRules().filter(
      ([, rule]) => rule.security_group_id === "${aws_security_group.instances.id}",
    );
    expect(toInstances.length).toBeGreaterThan(0);
    for (const [, rule] of toInstances) {
      expect(rule.cidr_ipv4).toBeUndefined();
      expect(rule.cidr_ipv6).toBeUndefined();
      expect(rule.referenced_security_group_id).toBe("${aws_security_group.alb.id}");
    }
  });

  it("serves HTTPS when a certificate is given, and then redirects HTTP to it", () => {
    expect(tf.variables.get("certificate_arn")?.default).toBeNull();
    expect(tf.locals.get("https_enabled")).toBe("${var.certificate_arn != null}");
    const https = resource(tf, "aws_lb_listener.https");
    expect(https.count).toBe("${local.https_enabled ? 1 : 0}");
    expect(https.certificate_arn).toBe("${var.certificate_arn}");
    const action = block(resource(tf, "aws_lb_listener.http"), "default_action");
    expect(action.type).toBe('${local.https_enabled ? "redirect" : "forward"}');
    const redirect = block(block(action, "dynamic"), "redirect");
    expect(block(redirect, "content").protocol).toBe("HTTPS");
  });
});

describe("terraform: safe by default", () => {
  /** The plain messages of a resource's `lifecycle { precondition {} }` blocks. */
  function preconditionMessages(key: string): string[] {
    const lifecycle = block(resource(tf, key), "lifecycle");
    return ((lifecycle.precondition ?? []) as Body[]).map((check) => String(check.error_message));
  }

  it("refuses the whole internet in front of the ALB without API keys (the default ranges are the whole internet)", () => {
    expect(tf.variables.get("alb_ingress_cidrs")?.default).toEqual(["0.0.0.0/0"]);
    expect(tf.variables.get("api_keys_secret_arn")?.default).toBeNull();
    const [message] = preconditionMessages("aws_lb.this");
    expect(message).toMatch(/whole internet.*no API keys/s);
  });

  it("refuses API keys over plain HTTP unless allow_api_keys_over_http says so", () => {
    expect(tf.variables.get("allow_api_keys_over_http")?.default).toBe(false);
    const [message] = preconditionMessages("aws_lb_listener.http");
    expect(message).toMatch(/clear text.*allow_api_keys_over_http = true/s);
  });

  it("keeps the instance's metadata service from every container: IMDSv2 only, one hop", () => {
    const metadata = block(resource(tf, "aws_launch_template.instances"), "metadata_options");
    expect(metadata.http_tokens).toBe("required");
    // A container behind Docker's bridge is a second hop: it never gets a session token.
    expect(metadata.http_put_response_hop_limit).toBe(1);
  });

  it("keeps ECR tags immutable and never defaults an image tag to latest", () => {
    for (const key of ["aws_ecr_repository.server", "aws_ecr_repository.runner"]) {
      expect(resource(tf, key).image_tag_mutability, key).toBe("IMMUTABLE");
    }
    expect(tf.variables.get("server_image_tag")?.default).toBeNull();
    expect(tf.variables.get("runner_image_tags")?.default).toEqual({});
    const everything = JSON.stringify([...tf.files.values()]);
    expect(everything).not.toMatch(/:latest\b|"latest"\)/);
    expect(preconditionMessages("aws_ecs_task_definition.server")[0]).toMatch(/server_image_tag/);
    expect(preconditionMessages("aws_launch_template.instances")[0]).toMatch(/runner_image_tags/);
  });
});

describe("terraform: scaling and alarms", () => {
  it("target-tracks the instances' CPU and the ALB's requests per target", () => {
    const cpu = block(
      resource(tf, "aws_appautoscaling_policy.cpu"),
      "target_tracking_scaling_policy_configuration",
    );
    const cpuMetric = block(cpu, "customized_metric_specification");
    expect(cpuMetric.metric_name).toBe("CPUUtilization");
    const requests = block(
      resource(tf, "aws_appautoscaling_policy.requests"),
      "target_tracking_scaling_policy_configuration",
    );
    expect(block(requests, "predefined_metric_specification").predefined_metric_type).toBe(
      "ALBRequestCountPerTarget",
    );
    expect(resource(tf, "aws_appautoscaling_target.server").scalable_dimension).toBe(
      "ecs:service:DesiredCount",
    );
  });

  it("alarms on the 5xx rate, unhealthy hosts and slow responses, and keeps logs", () => {
    const alarms = resourcesOfType(tf, "aws_cloudwatch_metric_alarm").map(([, body]) => body);
    const metrics = alarms.flatMap((alarm) => [
      String(alarm.metric_name ?? ""),
      ...((alarm.metric_query ?? []) as Body[]).map((query) =>
        query.metric ? String(block(query, "metric").metric_name) : "",
      ),
    ]);
    for (const metric of [
      "HTTPCode_Target_5XX_Count",
      "HTTPCode_ELB_5XX_Count",
      "UnHealthyHostCount",
      "TargetResponseTime",
    ]) {
      expect(metrics).toContain(metric);
    }
    expect(resource(tf, "aws_cloudwatch_log_group.server").retention_in_days).toBe(
      "${var.log_retention_days}",
    );
  });
});

// `terraform validate` and `terraform test` need the AWS provider's binary: they run where a local
// provider mirror exists (TF_PLUGIN_DIR, or /opt/tf-plugins), else this test is reported as
// skipped. Neither reaches AWS: `terraform test` uses a mocked provider (tests/*.tftest.hcl).
const pluginDir = process.env.TF_PLUGIN_DIR ?? "/opt/tf-plugins";
const canValidate =
  spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0 &&
  existsSync(join(pluginDir, "registry.terraform.io/hashicorp/aws"));

describe("terraform validate and test", () => {
  it.skipIf(!canValidate)(
    "validates with the real AWS provider schema, and applies against a mocked provider",
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), "warmbox-tf-"));
      const env = { ...process.env, TF_DATA_DIR: dataDir, TF_IN_AUTOMATION: "1", TF_INPUT: "0" };
      const cwd = join(dataDir, "config");
      try {
        // A copy, so that no lock file or .terraform folder lands in the repository.
        spawnSync("cp", ["-r", `${tf.dir}/.`, cwd]);
        const init = spawnSync(
          "terraform",
          ["init", "-backend=false", `-plugin-dir=${pluginDir}`, "-no-color"],
          { cwd, env, encoding: "utf8" },
        );
        expect(init.status, init.stderr).toBe(0);
        const validate = spawnSync("terraform", ["validate", "-no-color"], {
          cwd,
          env,
          encoding: "utf8",
        });
        expect(validate.status, validate.stderr + validate.stdout).toBe(0);
        // tests/*.tftest.hcl: the whole configuration applied against a mocked AWS provider.
        const mocked = spawnSync("terraform", ["test", "-no-color"], {
          cwd,
          env,
          encoding: "utf8",
        });
        expect(mocked.status, mocked.stdout + mocked.stderr).toBe(0);
        expect(mocked.stdout).toMatch(/Success! [1-9]\d* passed, 0 failed/);
        // Each unsafe deployment is refused by its own check (expect_failures in the test file).
        for (const refusal of [
          "refuses_the_whole_internet_without_api_keys",
          "refuses_a_whole_internet_range_among_others_without_api_keys",
          "refuses_api_keys_over_plain_http",
          "refuses_latest_as_the_server_image_tag",
          "refuses_latest_as_a_runner_image_tag",
          "refuses_a_deploy_without_a_server_image_tag",
          "refuses_a_runner_image_without_a_tag",
          "refuses_a_database_in_an_existing_vpc_without_private_subnets",
          "database_off_by_default",
          "database_on_in_private_subnets_open_to_the_tasks_alone",
        ]) {
          expect(mocked.stdout).toContain(`run "${refusal}"... pass`);
        }
        const fmt = spawnSync("terraform", ["fmt", "-check", "-recursive", "-no-color"], {
          cwd,
          env,
          encoding: "utf8",
        });
        expect(fmt.stdout, "files terraform fmt would change").toBe("");
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
