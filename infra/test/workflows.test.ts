import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readRepoFile, repoPath } from "./repo.js";

type Mapping = Record<string, unknown>;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Mapping;
  env?: Mapping;
}
interface Job {
  if?: string;
  permissions?: Mapping;
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on: Mapping;
  permissions?: Mapping;
  jobs: Record<string, Job>;
}

const WORKFLOWS = repoPath(".github/workflows");

function workflow(file: string): Workflow {
  return parse(readRepoFile(".github/workflows", file)) as Workflow;
}

function steps(flow: Workflow): Step[] {
  return Object.values(flow.jobs).flatMap((job) => job.steps ?? []);
}

function runs(flow: Workflow): string {
  return steps(flow)
    .map((step) => step.run ?? "")
    .join("\n");
}

/** id-token: write wherever AWS is reached: at the top, or on every job that assumes the role. */
function grantsOidc(flow: Workflow): boolean {
  const jobs = Object.values(flow.jobs).filter((job) =>
    (job.steps ?? []).some((step) =>
      step.uses?.startsWith("aws-actions/configure-aws-credentials"),
    ),
  );
  return (
    jobs.length > 0 &&
    jobs.every((job) => (job.permissions ?? flow.permissions)?.["id-token"] === "write")
  );
}

describe("workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));

  it("are ci, deploy and destroy, each valid YAML with triggers and jobs", () => {
    expect(files.sort()).toEqual(["ci.yml", "deploy.yml", "destroy.yml"]);
    for (const file of files) {
      const flow = workflow(file);
      expect(flow.on, file).toBeTypeOf("object");
      expect(Object.keys(flow.jobs).length, file).toBeGreaterThan(0);
    }
  });

  it("hold no AWS access keys: no secret key, no access key id, anywhere", () => {
    for (const file of files) {
      const text = readRepoFile(".github/workflows", file);
      expect(text, file).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-secret-access-key/i);
      expect(text, file).not.toMatch(/AWS_ACCESS_KEY_ID|aws-access-key-id/i);
      expect(text, file).not.toMatch(/AKIA[0-9A-Z]{16}/);
    }
  });

  it("ci runs npm test (through .ci/run) on ubuntu", () => {
    const flow = workflow("ci.yml");
    expect(flow.on).toHaveProperty("pull_request");
    expect(flow.on).toHaveProperty("push");
    expect(runs(flow)).toMatch(/\.ci\/run|npm test/);
    expect(JSON.stringify(flow.jobs)).toContain("ubuntu-");
  });

  it("deploy runs on main and by hand, with OIDC and a role from a repository variable", () => {
    const flow = workflow("deploy.yml");
    expect((flow.on.push as Mapping).branches).toEqual(["main"]);
    expect(flow.on).toHaveProperty("workflow_dispatch");
    expect(flow.permissions).toEqual({ "id-token": "write", contents: "read" });
    expect(grantsOidc(flow)).toBe(true);
    const login = steps(flow).find((step) =>
      step.uses?.startsWith("aws-actions/configure-aws-credentials"),
    );
    expect(login?.with?.["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
  });

  it("deploy pushes the runner images and the server image to ECR, then applies Terraform", () => {
    const script = runs(workflow("deploy.yml"));
    expect(script).toContain("images build");
    expect(script).toContain("infra/docker/build-server-image");
    expect(script).toMatch(/docker push[^\n]*\$remote:\$hash/);
    expect(script).toMatch(/docker push[^\n]*\$image/);
    expect(script).toContain("terraform init");
    expect(script).toContain("terraform apply -auto-approve");
    expect(script.indexOf("docker push")).toBeLessThan(script.lastIndexOf("terraform apply"));
  });

  it("destroy is manual only and needs the confirmation input to equal 'destroy'", () => {
    const flow = workflow("destroy.yml");
    expect(Object.keys(flow.on)).toEqual(["workflow_dispatch"]);
    const inputs = (flow.on.workflow_dispatch as Mapping).inputs as Record<string, Mapping>;
    expect(inputs.confirm?.required).toBe(true);
    expect(grantsOidc(flow)).toBe(true);
    const destroying = Object.values(flow.jobs).filter((job) =>
      (job.steps ?? []).some((step) => step.run?.includes("terraform destroy")),
    );
    expect(destroying.length).toBe(1);
    for (const job of destroying) {
      expect(job.if).toContain("inputs.confirm == 'destroy'");
    }
    const refusing = Object.values(flow.jobs).find((job) => job.if?.includes("!= 'destroy'"));
    expect(refusing, "a job that fails loudly without the confirmation").toBeDefined();
  });
});
