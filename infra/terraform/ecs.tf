# The ECS cluster, and the server as a service on it: one task per instance (bridge network
# with a dynamic host port behind the ALB), with the instance's Docker socket mounted so the
# engine starts its sandboxes as sibling containers on that instance's daemon.

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

locals {
  docker_socket_volume = "docker-socket"
  docker_socket_path   = "/var/run/docker.sock"
  # The server's data directory (WARMBOX_DATA_DIR in the image): the embedded SQLite store of
  # submissions without enable_database, and the generated callback secret.
  data_volume = "warmbox-data"
  data_path   = "/data"

  server_environment = merge(
    {
      WARMBOX_PORT      = tostring(var.container_port)
      WARMBOX_HOST      = "0.0.0.0"
      WARMBOX_LANGUAGES = join(",", var.languages)
      # One proxy (the ALB) in front: rate limits see the real client IP.
      WARMBOX_TRUST_PROXY = "1"
      # One server task per instance: at start it removes sandboxes a replaced task left.
      WARMBOX_EXCLUSIVE_DAEMON = "true"
    },
    var.server_environment,
  )

  server_container = {
    name              = local.container_name
    image             = local.server_image
    essential         = true
    user              = var.container_user
    cpu               = var.server_cpu_units
    memory            = var.server_memory_mb
    memoryReservation = var.server_memory_reservation_mb
    stopTimeout       = var.stop_timeout_seconds

    portMappings = [
      {
        containerPort = var.container_port
        hostPort      = 0 # dynamic: registered with the target group by ECS
        protocol      = "tcp"
      },
    ]

    environment = [for name in sort(keys(local.server_environment)) : { name = name, value = local.server_environment[name] }]

    secrets = concat(
      var.api_keys_secret_arn == null ? [] : [{ name = "WARMBOX_API_KEYS", valueFrom = var.api_keys_secret_arn }],
      var.enable_database ? [{ name = "WARMBOX_DATABASE_URL", valueFrom = aws_secretsmanager_secret.database_url[0].arn }] : [],
    )

    mountPoints = [
      {
        sourceVolume  = local.docker_socket_volume
        containerPath = local.docker_socket_path
        readOnly      = false
      },
      {
        sourceVolume  = local.data_volume
        containerPath = local.data_path
        readOnly      = false
      },
    ]

    # The process needs no capability and writes nothing but /tmp and its data directory.
    readonlyRootFilesystem = true
    linuxParameters = {
      initProcessEnabled = true
      capabilities       = { drop = ["ALL"] }
      tmpfs              = [{ containerPath = "/tmp", size = 64, mountOptions = ["noexec", "nosuid", "nodev"] }]
    }
    dockerSecurityOptions = ["no-new-privileges"]
    ulimits               = [{ name = "nofile", softLimit = 65536, hardLimit = 65536 }]

    # Liveness only; readiness (/readyz) is the target group's health check.
    healthCheck = {
      command     = ["CMD", "node", "-e", "fetch('http://127.0.0.1:${var.container_port}${local.liveness_path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.server.name
        awslogs-region        = var.aws_region
        awslogs-stream-prefix = "server"
        mode                  = "non-blocking"
        max-buffer-size       = "4m"
      }
    }
  }
}

resource "aws_ecs_task_definition" "server" {
  family                   = "${local.name}-server"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  execution_role_arn       = aws_iam_role.task_execution.arn
  task_role_arn            = aws_iam_role.task.arn

  # The instance's Docker daemon: the engine's sandboxes are its sibling containers.
  volume {
    name      = local.docker_socket_volume
    host_path = local.docker_socket_path
  }

  # A Docker volume kept on the instance across task replacements. Docker fills a new volume
  # from the image's /data, owner included, so the server's non-root user can write it.
  volume {
    name = local.data_volume
    docker_volume_configuration {
      scope         = "shared"
      autoprovision = true
      driver        = "local"
    }
  }

  container_definitions = jsonencode([local.server_container])

  lifecycle {
    precondition {
      condition     = var.server_image_tag != null
      error_message = "server_image_tag is not set: pass the exact tag of the server image to deploy (the deploy workflow passes the commit SHA)."
    }
  }
}

resource "aws_ecs_service" "server" {
  name            = "${local.name}-server"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.server.arn
  desired_count   = var.service_min_count

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.instances.name
    weight            = 1
    base              = 0
  }

  # One server per instance: one Docker daemon, one engine sizing its pools to that machine.
  placement_constraints {
    type = "distinctInstance"
  }

  # Start new tasks (on new instances, which managed scaling adds) before stopping old ones.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  health_check_grace_period_seconds = var.health_check_grace_period_seconds

  load_balancer {
    target_group_arn = aws_lb_target_group.server.arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  enable_ecs_managed_tags = true
  propagate_tags          = "SERVICE"
  wait_for_steady_state   = false

  # Service autoscaling owns the task count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [
    aws_lb_listener.http,
    aws_lb_listener.https,
    aws_ecs_cluster_capacity_providers.this,
    aws_iam_role_policy.task_execution,
  ]
}

